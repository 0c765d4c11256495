/**
 * The documents rules cite. `meta.guideline` is a full URL with a section anchor; these helpers
 * keep the bases in one place.
 */

export const PYTHON_GUIDELINES_URL = "https://docs.fedoraproject.org/en-US/packaging-guidelines/Python/";
export const PACKAGING_GUIDELINES_URL = "https://docs.fedoraproject.org/en-US/packaging-guidelines/";
export const RPM_SPEC_MANUAL_URL = "https://rpm-software-management.github.io/rpm/manual/spec.html";

/** A section of the Fedora Python packaging guidelines, by its anchor (`_explicit_lists`). */
export function pythonGuideline(anchor: string): string {
  return `${PYTHON_GUIDELINES_URL}#${anchor}`;
}

/** A section of the general Fedora packaging guidelines, by its anchor (`_tags_and_sections`). */
export function packagingGuideline(anchor: string): string {
  return `${PACKAGING_GUIDELINES_URL}#${anchor}`;
}
