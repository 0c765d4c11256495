/** The JSON shape of `rpmspec-lint inspect`: what `rpmspec -q` would report, computed without rpm. */

export interface InspectOptions {
  /** The path shown in the result. */
  filePath: string;
  /** Target id (`fedora-rawhide` when omitted, `fedora-43`, `epel-9`…). */
  target?: string;
  /** bconds forced on, as `rpmbuild --with NAME`. */
  with?: readonly string[];
  /** bconds forced off, as `rpmbuild --without NAME`. */
  without?: readonly string[];
}

/**
 * A value that cannot be resolved statically. Every `null` in the result has one; a package
 * that may or may not exist, and a `%files -f` list, have one without a `null`.
 */
export interface InspectUnknown {
  /** Where the value goes: `version`, `buildRequires`, `packages[python3-foo].requires`, `packages`… */
  field: string;
  /** 1-based line of the spec the value comes from. */
  line: number;
  reason: string;
}

export interface InspectedPackage {
  name: string | null;
  /** The package has a `%files` section for the target (rpm builds only those). */
  hasFiles: boolean;
  summary: string | null;
  /** `Requires`, qualified ones (`Requires(post)`) and `PreReq` included. */
  requires: Array<string | null>;
  provides: Array<string | null>;
  obsoletes: Array<string | null>;
  conflicts: Array<string | null>;
  /** The paths of the package's `%files` lines after expansion. */
  files: Array<string | null>;
}

export interface InspectResult {
  filePath: string;
  name: string | null;
  epoch: number | null;
  version: string | null;
  release: string | null;
  license: string | null;
  url: string | null;
  /** From every package's preamble, as rpm gathers them for the source package. */
  buildRequires: Array<string | null>;
  /** The main package first, then each `%package` in file order, as `rpmspec -q` lists them. */
  packages: InspectedPackage[];
  sources: Array<string | null>;
  patches: Array<string | null>;
  unknown: InspectUnknown[];
}
