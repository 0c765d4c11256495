// A generated spec shaped like Fedora's largest, texlive.spec (2 MB, 45,000 lines, 1,644
// subpackages): a preamble with two Source lines per package, %prep and %install that name every
// package, and per package a %package block with dependencies, a %description, a %files list and
// now and then scriptlets and conditionals. Used by the benchmark (timing, linearity) and the
// robustness tests (work that grows with the size); the corpus' own specs are never copied.

const WORDS = [
  "bibliography", "style", "citation", "journal", "latex", "package", "fonts", "support", "macros",
  "tables", "figures", "index", "glossary", "language", "typesetting", "document", "class", "math",
];

/** A deterministic pseudo-random sequence (32-bit LCG), so every run generates the same text. */
function sequence(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
}

function sentence(next, words) {
  const chosen = [];
  for (let index = 0; index < words; index++) chosen.push(WORDS[next() % WORDS.length]);
  return chosen.join(" ");
}

/** The preamble and build sections: two sources per package, one %prep and %install line each. */
function head(names) {
  const lines = [
    "%global tl_version 2025",
    "%bcond doc 1",
    "",
    "Name:           texlive",
    "Epoch:          12",
    "Version:        %{tl_version}",
    "Release:        1%{?dist}",
    "Summary:        TeX formatting system",
    "License:        LPPL-1.3c AND MIT AND GPL-2.0-or-later",
    "URL:            http://tug.org/texlive/",
    "BuildArch:      noarch",
    "BuildRequires:  python3-devel",
    "BuildRequires:  perl-generators",
  ];
  names.forEach((name, index) => {
    lines.push(`Source${2 * index + 10}:  https://ctan.example.org/archive/${name}.tar.xz`);
    lines.push(`Source${2 * index + 11}:  https://ctan.example.org/archive/${name}.doc.tar.xz`);
  });
  lines.push("", "%description", "The TeX formatting system, generated for the benchmark.", "", "%prep", "%setup -q -c -T");
  names.forEach((_, index) => lines.push(`xz -dc %{SOURCE${2 * index + 10}} | tar x -C %{buildroot}%{_texmf_main}`));
  lines.push("", "%install", "mkdir -p %{buildroot}%{_texmf_main}");
  names.forEach((name) => lines.push(`sed -i '1s|^#!.*python$|#!%{python3}|' %{buildroot}%{_texmf_main}/scripts/${name}/${name}.py`));
  lines.push("");
  return lines;
}

function block(name, index, next) {
  const lines = [
    `%package -n ${name}`,
    `Summary:        ${sentence(next, 4)} for ${name}`,
    `Version:        svn${70000 + (next() % 9000)}`,
    `License:        LPPL-1.3c`,
    `Requires:       texlive-base`,
    `Requires:       texlive-kpathsea`,
    `Requires:       tex(${name}-${WORDS[next() % WORDS.length]}.sty)`,
    `Provides:       tex(${name}.sty) = %{tl_version}`,
    `Provides:       ${name}-doc = %{epoch}:%{version}-%{release}`,
    `Obsoletes:      ${name}-doc <= 11:%{version}`,
  ];
  if (index % 7 === 0) lines.push(`Requires:       python3 >= 3.9`, `Requires:       python3-pygments`);
  lines.push("", `%description -n ${name}`, `${sentence(next, 10)}.`, `${sentence(next, 8)}, ${sentence(next, 6)}.`, "");
  if (index % 11 === 0) {
    lines.push(`%post -n ${name}`, "mktexlsr %{_texmf_main} >/dev/null 2>&1 || :", "", `%postun -n ${name}`, "if [ $1 -eq 0 ]; then", "  mktexlsr %{_texmf_main} >/dev/null 2>&1 || :", "fi", "");
  }
  lines.push(
    `%files -n ${name}`,
    "%license lppl1.3c.txt",
    `%{_texmf_main}/tex/latex/${name}/`,
    `%{_texmf_main}/bibtex/bst/${name}/`,
  );
  if (index % 5 === 0) lines.push("%if %{with doc}", `%doc %{_texmf_main}/doc/latex/${name}/`, "%endif");
  else lines.push(`%doc %{_texmf_main}/doc/latex/${name}/`);
  if (index % 7 === 0) lines.push(`%{_bindir}/${name}`, `%{python3_sitelib}/${name.replaceAll("-", "_")}/`);
  lines.push("");
  return lines;
}

/** A spec with `subpackages` generated subpackages (1,644 give about 2 MB and 44,000 lines). */
export function syntheticSpec(subpackages = 1644, seed = 1) {
  const next = sequence(seed);
  const names = Array.from({ length: subpackages }, (_, index) => `texlive-${WORDS[index % WORDS.length]}${index}`);
  const lines = head(names);
  names.forEach((name, index) => lines.push(...block(name, index, next)));
  lines.push("%changelog", "* Mon Jan 05 2026 Generated Packager <packager@example.org> - 12:2025-1", "- Generated for the benchmark", "");
  return lines.join("\n");
}
