/**
 * Build targets as data: the macro values rpm would have on x86_64 for each Fedora and EPEL
 * release, from rpm's own macros, redhat-rpm-config (macros.dist, path and arch macros),
 * python-srpm-macros and python3-rpm-macros.
 *
 * The per-release facts live in one table, `TARGET_TABLE`; everything else is shared. Values are
 * stored as rpm would define them: a body may refer to other macros (`%{_prefix}/bin`).
 */
import type { Target } from "./types.js";

export interface TargetRow {
  id: string;
  /** `%{fedora}`, or null on EPEL. */
  fedora: number | null;
  /** `%{rhel}` (and `%{epel}`), or null on Fedora. */
  rhel: number | null;
  dist: string;
  /** `%{python3_version}` of the main interpreter. */
  python3: string;
  /** `%{py3_shebang_flags}` by default: `sP` since Fedora 37 (Python 3.11's -P), `s` before. */
  shebangFlags: "sP" | "s";
  /** The rpm release the target builds with (major.minor), for version-dependent behaviour. */
  rpm: string;
  /** `%{_sbindir}`: Fedora 42 merged /usr/sbin into /usr/bin. */
  sbindir: "/usr/bin" | "/usr/sbin";
  /**
   * `%{python_wheel_pkg_prefix}` of python-srpm-macros (since late 2021): `python` on Fedora; on
   * RHEL, and so for EPEL, the prefix carries `%{python3_pkgversion}` (`python3-pip-wheel`,
   * `/usr/share/python3-wheels`). Null where the build root's macros are not known to define it.
   */
  pythonWheelPrefix: "python" | "python%{python3_pkgversion}" | null;
}

/**
 * Fedora 46 is Rawhide as of November 2026 (Fedora 45 released in the autumn of 2026). Python
 * moves in odd-numbered releases: 3.13 in Fedora 41, 3.14 in Fedora 43, 3.15 in Fedora 45.
 * EPEL builds against RHEL (EPEL 10: CentOS Stream 10, the leading minor version) with the
 * system Python 3 (`%{python3_pkgversion}` 3): 3.6 on EL 8, 3.9 on EL 9, 3.12 on EL 10.
 */
export const TARGET_TABLE: readonly TargetRow[] = [
  { id: "fedora-rawhide", fedora: 46, rhel: null, dist: ".fc46", python3: "3.15", shebangFlags: "sP", rpm: "6.0", sbindir: "/usr/bin", pythonWheelPrefix: "python" },
  { id: "fedora-45", fedora: 45, rhel: null, dist: ".fc45", python3: "3.15", shebangFlags: "sP", rpm: "6.0", sbindir: "/usr/bin", pythonWheelPrefix: "python" },
  { id: "fedora-44", fedora: 44, rhel: null, dist: ".fc44", python3: "3.14", shebangFlags: "sP", rpm: "6.0", sbindir: "/usr/bin", pythonWheelPrefix: "python" },
  { id: "fedora-43", fedora: 43, rhel: null, dist: ".fc43", python3: "3.14", shebangFlags: "sP", rpm: "4.20", sbindir: "/usr/bin", pythonWheelPrefix: "python" },
  { id: "fedora-42", fedora: 42, rhel: null, dist: ".fc42", python3: "3.13", shebangFlags: "sP", rpm: "4.20", sbindir: "/usr/bin", pythonWheelPrefix: "python" },
  { id: "fedora-41", fedora: 41, rhel: null, dist: ".fc41", python3: "3.13", shebangFlags: "sP", rpm: "4.20", sbindir: "/usr/sbin", pythonWheelPrefix: "python" },
  { id: "epel-10", fedora: null, rhel: 10, dist: ".el10_3", python3: "3.12", shebangFlags: "sP", rpm: "4.19", sbindir: "/usr/sbin", pythonWheelPrefix: "python%{python3_pkgversion}" },
  { id: "epel-9", fedora: null, rhel: 9, dist: ".el9", python3: "3.9", shebangFlags: "s", rpm: "4.16", sbindir: "/usr/sbin", pythonWheelPrefix: "python%{python3_pkgversion}" },
  { id: "epel-8", fedora: null, rhel: 8, dist: ".el8", python3: "3.6", shebangFlags: "s", rpm: "4.14", sbindir: "/usr/sbin", pythonWheelPrefix: null },
];

export const DEFAULT_TARGET = "fedora-rawhide";

/** The architecture every target is evaluated for. */
export const TARGET_CPU = "x86_64";
export const TARGET_OS = "linux";

/**
 * Architecture list macros (`%ifarch %{ix86}`), from rpm's macros and the Fedora srpm-macros
 * packages that define the `*_arches` lists.
 */
export const ARCH_MACROS: ReadonlyMap<string, string> = new Map([
  ["ix86", "i386 i486 i586 i686 pentium3 pentium4 athlon geode"],
  ["x86_64", "x86_64 x86_64_v2 x86_64_v3 x86_64_v4 amd64 em64t"],
  ["arm32", "armv3l armv4b armv4l armv4tl armv5tl armv5tel armv5tejl armv6l armv6hl armv7l armv7hl armv7hnl armv8l armv8hl armv8hnl armv8hcnl"],
  ["arm", "%{arm32}"],
  ["arm64", "aarch64"],
  ["mips32", "mips mipsel mipsr6 mipsr6el"],
  ["mips64", "mips64 mips64el mips64r6 mips64r6el"],
  ["mipseb", "mips mipsr6 mips64 mips64r6"],
  ["mipsel", "mipsel mipsr6el mips64el mips64r6el"],
  ["mips", "%{mips32} %{mips64}"],
  ["sparc", "sparc sparcv8 sparcv9 sparcv9v sparc64 sparc64v"],
  ["alpha", "alpha alphaev56 alphaev6 alphaev67"],
  ["power64", "ppc64p7 ppc64 ppc64le"],
  ["riscv32", "riscv32"],
  ["riscv64", "riscv64"],
  ["riscv128", "riscv128"],
  ["riscv", "%{riscv32} %{riscv64} %{riscv128}"],
  ["loongarch32", "loongarch32"],
  ["loongarch64", "loongarch64"],
  ["loongarch", "%{loongarch32} %{loongarch64}"],
  ["multilib_64_archs", "aarch64 ppc64 ppc64p7 riscv64 s390x sparc64 x86_64"],
  ["multilib_archs", "%{ix86} x86_64 ppc ppc64 ppc64p7 s390 s390x sparcv9 sparc64"],
  ["java_arches", "aarch64 ppc64le s390x x86_64"],
  ["golang_arches", "%{ix86} x86_64 %{arm} aarch64 ppc64le s390x riscv64"],
  ["go_arches", "%{golang_arches}"],
  ["nodejs_arches", "%{ix86} x86_64 %{arm} aarch64 %{power64} s390x riscv64"],
  ["rust_arches", "x86_64 %{ix86} armv7hl aarch64 ppc64 ppc64le riscv64 s390x"],
  ["valgrind_arches", "%{ix86} x86_64 ppc ppc64 ppc64le armv7l armv7hl aarch64 s390x riscv64"],
  ["mono_arches", "%{ix86} x86_64 sparc sparcv9 ia64 %{arm} aarch64 alpha s390x ppc ppc64 ppc64le"],
  ["kernel_arches", "x86_64 s390x ppc64le aarch64 riscv64 %{arm}"],
  ["ocaml_native_compiler", "aarch64 ppc64le riscv64 s390x x86_64"],
  ["ocaml_natdynlink", "aarch64 ppc64le riscv64 s390x x86_64"],
  ["qt5_qtwebengine_arches", "%{ix86} x86_64 %{arm} aarch64 mips mipsel mips64el"],
  ["qt6_qtwebengine_arches", "aarch64 x86_64"],
]);

/** Path macros of redhat-rpm-config on x86_64 (rpm's own defaults with Fedora's overrides). */
const PATH_MACROS: ReadonlyArray<readonly [string, string]> = [
  ["_usr", "/usr"],
  ["_var", "/var"],
  ["_prefix", "/usr"],
  ["_exec_prefix", "%{_prefix}"],
  ["_bindir", "%{_exec_prefix}/bin"],
  ["_libexecdir", "%{_exec_prefix}/libexec"],
  ["_datadir", "%{_prefix}/share"],
  ["_datarootdir", "%{_prefix}/share"],
  ["_sysconfdir", "/etc"],
  ["_sharedstatedir", "/var/lib"],
  ["_localstatedir", "/var"],
  ["_lib", "lib64"],
  ["_libdir", "%{_prefix}/%{_lib}"],
  ["_includedir", "%{_prefix}/include"],
  ["_oldincludedir", "/usr/include"],
  ["_infodir", "/usr/share/info"],
  ["_mandir", "/usr/share/man"],
  ["_initddir", "%{_sysconfdir}/rc.d/init.d"],
  ["_rundir", "/run"],
  ["_defaultdocdir", "%{_datadir}/doc"],
  ["_docdir", "%{_defaultdocdir}"],
  ["_defaultlicensedir", "%{_datadir}/licenses"],
  ["_licensedir", "%{_defaultlicensedir}"],
  ["_pkgdocdir", "%{_docdir}/%{name}"],
  ["_javadir", "%{_datadir}/java"],
  ["_javadocdir", "%{_datadir}/javadoc"],
  ["_jnidir", "%{_prefix}/lib/java"],
  ["_metainfodir", "%{_datadir}/metainfo"],
  ["_emacs_sitelispdir", "%{_datadir}/emacs/site-lisp"],
  ["_unitdir", "/usr/lib/systemd/system"],
  ["_userunitdir", "/usr/lib/systemd/user"],
  ["_presetdir", "/usr/lib/systemd/system-preset"],
  ["_userpresetdir", "/usr/lib/systemd/user-preset"],
  ["_udevrulesdir", "/usr/lib/udev/rules.d"],
  ["_udevhwdbdir", "/usr/lib/udev/hwdb.d"],
  ["_tmpfilesdir", "/usr/lib/tmpfiles.d"],
  ["_sysusersdir", "/usr/lib/sysusers.d"],
  ["_sysctldir", "/usr/lib/sysctl.d"],
  ["_modulesloaddir", "/usr/lib/modules-load.d"],
  ["_environmentdir", "/usr/lib/environment.d"],
  ["_journalcatalogdir", "/usr/lib/systemd/catalog"],
  ["_binfmtdir", "/usr/lib/binfmt.d"],
  ["_systemdgeneratordir", "/usr/lib/systemd/system-generators"],
  ["_systemdusergeneratordir", "/usr/lib/systemd/user-generators"],
  ["_rpmconfigdir", "/usr/lib/rpm"],
  ["_rpmmacrodir", "%{_rpmconfigdir}/macros.d"],
  ["_fileattrsdir", "%{_rpmconfigdir}/fileattrs"],
  ["_usrsrc", "%{_usr}/src"],
  ["_tmppath", "%{_var}/tmp"],
  ["_topdir", "/builddir/build"],
  ["_sourcedir", "%{_topdir}/SOURCES"],
  ["_specdir", "%{_topdir}/SPECS"],
  ["_srcrpmdir", "%{_topdir}/SRPMS"],
  ["_rpmdir", "%{_topdir}/RPMS"],
  ["_buildrootdir", "%{_topdir}/BUILDROOT"],
  ["_target_os", TARGET_OS],
  ["_os", TARGET_OS],
  ["_host_os", TARGET_OS],
  ["_build_os", TARGET_OS],
  ["_arch", TARGET_CPU],
  ["_host_cpu", TARGET_CPU],
  ["_build_cpu", TARGET_CPU],
  ["_target_cpu", TARGET_CPU],
  ["_vendor", "redhat"],
  ["_host_vendor", "redhat"],
  ["_build_vendor", "redhat"],
  ["_target_vendor", "redhat"],
  ["_host", "x86_64-redhat-linux-gnu"],
  ["_build", "x86_64-redhat-linux-gnu"],
  ["_target", "x86_64-linux"],
  ["_target_platform", "%{_target_cpu}-%{_vendor}-%{_target_os}"],
  ["_gnu", "-gnu"],
  ["__isa_name", "x86"],
  ["__isa_bits", "64"],
  ["__isa", "%{__isa_name}-%{__isa_bits}"],
  ["_isa", "%{?__isa:(%{__isa})}%{!?__isa:%{nil}}"],
  ["nil", ""],
  ["___build_shell", "/bin/sh"],
  ["_buildshell", "/bin/sh"],
  ["__make", "/usr/bin/make"],
  ["__cc", "gcc"],
  ["__cxx", "g++"],
  ["__cp", "/usr/bin/cp"],
  ["__mv", "/usr/bin/mv"],
  ["__rm", "/usr/bin/rm"],
  ["__mkdir", "/usr/bin/mkdir"],
  ["__mkdir_p", "/usr/bin/mkdir -p"],
  ["__ln_s", "ln -s"],
  ["__install", "/usr/bin/install"],
  ["__sed", "/usr/bin/sed"],
  ["__tar", "/usr/bin/tar"],
  ["__perl", "/usr/bin/perl"],
  ["__awk", "gawk"],
  ["__grep", "/usr/bin/grep"],
  ["__chmod", "/usr/bin/chmod"],
  ["__chown", "/usr/bin/chown"],
  ["__cat", "/usr/bin/cat"],
  ["__patch", "/usr/bin/patch"],
  ["__unzip", "/usr/bin/unzip"],
  ["__python2", "/usr/bin/python2"],
  ["__python3", "/usr/bin/python3"],
  ["python2", "%__python2"],
  ["python3", "%__python3"],
  ["python3_pkgversion", "3"],
  ["__pypi_url", "https://files.pythonhosted.org/packages/source/"],
  ["__pypi_default_extension", "tar.gz"],
  ["python3_sitelib", "/usr/lib/python%{python3_version}/site-packages"],
  ["python3_sitearch", "/usr/%{_lib}/python%{python3_version}/site-packages"],
  ["python3_platform", "linux-%{_arch}"],
  ["python3_platform_triplet", "%{_arch}-linux%{_gnu}"],
  ["python3_ext_suffix", ".cpython-%{python3_version_nodots}-%{python3_platform_triplet}.so"],
  ["python3_cache_tag", "cpython-%{python3_version_nodots}"],
  ["_py3_shebang_s", "s"],
  ["py3_shebang_flags", "%{?_py3_shebang_s}%{?_py3_shebang_P}"],
  ["py3_shbang_opts", "-%{py3_shebang_flags}"],
  ["py3_shbang_opts_nodash", "%{py3_shebang_flags}"],
  ["toolchain", "gcc"],
  ["__python", "%{error:attempt to use unversioned python, define %%__python to %{__python2} or %{__python3} explicitly}"],
  ["python", "%__python"],
];

/**
 * Macros that every target's default build root defines (rpm, redhat-rpm-config and the
 * `*-srpm-macros` packages it pulls in) but whose value is not modelled: Lua or shell, build-host
 * dependent, or long build commands. They are defined (`%{?name:1}` is 1) with an unknown value.
 */
export const BUILD_ROOT_MACROS: ReadonlySet<string> = new Set([
  "_smp_mflags", "_smp_build_ncpus", "_smp_build_nthreads", "_smp_build_ncpus_max",
  "optflags", "build_cflags", "build_cxxflags", "build_fflags", "build_ldflags", "set_build_flags",
  "__global_cflags", "__global_cxxflags", "__global_fflags", "__global_fcflags", "__global_ldflags",
  "_hardened_build", "_annotated_build", "_lto_cflags", "_include_frame_pointers",
  "configure", "make_build", "make_install", "makeinstall", "autosetup", "autopatch",
  "setup", "patch", "find_lang", "ldconfig", "ldconfig_scriptlets", "ldconfig_post", "ldconfig_postun",
  "debug_package", "autorelease", "autochangelog", "gpgverify",
  "python_provide", "py_provides", "python_extras_subpkg", "python_enable_dependency_generator",
  "python_disable_dependency_generator", "py_byte_compile",
  "forgemeta", "forgesetup", "forgeautosetup", "forgesource", "forgeurl",
  "ghc_arches", "ghc_arches_with_ghci",
  "__os_install_post", "__arch_install_post", "__brp_mangle_shebangs", "_rpmfilename",
]);

/**
 * Macros that exist only when a build dependency provides them (python3-rpm-macros,
 * pyproject-rpm-macros, python3-rpm-generators, systemd-rpm-macros, cmake, meson, ghc…): whether
 * they are defined is itself unknown. A target's own value, where it has one, comes first
 * (`python_wheel_dir` is known on Fedora and EPEL 9/10, not on EPEL 8).
 */
export const OPTIONAL_MACROS: ReadonlySet<string> = new Set([
  "py3_build", "py3_build_wheel", "py3_build_egg", "py3_install", "py3_install_wheel", "py3_install_egg",
  "py3_shebang_fix", "py3_check_import", "py3_test_envvars", "py_setup", "py3dir", "pycached",
  "pytest", "__pytest", "tox", "__pythondist_requires", "__pythondist_provides", "__pythonname_provides",
  "pyproject_wheel", "pyproject_install", "pyproject_save_files", "pyproject_buildrequires",
  "pyproject_check_import", "pyproject_files", "pyproject_extras_subpkg", "pyproject_build_lib",
  "pyproject_record", "pyproject_ghost_distinfo", "pyproject_wheeldir", "pyproject_builddir",
  "python_wheel_dir", "python_wheel_pkg_prefix", "python3_other_pkgversion",
  "systemd_requires", "systemd_ordering", "systemd_post", "systemd_preun", "systemd_postun",
  "systemd_postun_with_restart", "systemd_user_post", "systemd_user_preun", "sysusers_requires_compat",
  "sysusers_create_compat", "sysusers_create_package", "tmpfiles_create", "tmpfiles_create_package",
  "selinux_requires", "selinux_requires_min", "udev_rules_update",
  "cmake", "cmake_build", "cmake_install", "ctest", "meson", "meson_build", "meson_install", "meson_test",
  "perl_default_filter", "perl_vendorlib", "perl_vendorarch", "perl_privlib", "perl_archlib",
  "haskell_setup", "ghc_version", "mingw_package_header", "mingw_debug_package", "mingw_configure",
  "mingw_make", "gometa", "goprep", "gobuild", "gopath", "gocheck", "goipath", "gosource",
  "cargo_prep", "cargo_build", "cargo_install", "cargo_test", "cargo_generate_buildrequires",
  "cargo_license", "cargo_license_summary", "crate_instdir", "nodejs_sitelib", "lua_version",
  "lua_libdir", "lua_pkgdir", "buildsubdir",
]);

export function targetIds(): string[] {
  return TARGET_TABLE.map((row) => row.id);
}

function versionNodots(version: string): string {
  return version.replace(".", "");
}

const resolvedTargets = new Map<string, Target>();

/** The target with its built-in macros; null for an unknown id. */
export function resolveTarget(id: string): Target | null {
  const cached = resolvedTargets.get(id);
  if (cached !== undefined) return cached;
  const row = TARGET_TABLE.find((candidate) => candidate.id === id);
  if (row === undefined) return null;
  const macros = new Map<string, string>(PATH_MACROS);
  for (const [name, body] of ARCH_MACROS) macros.set(name, body);
  macros.set("_sbindir", row.sbindir === "/usr/bin" ? "%{_bindir}" : "%{_exec_prefix}/sbin");
  macros.set("dist", row.dist);
  macros.set("python3_version", row.python3);
  macros.set("python3_version_nodots", versionNodots(row.python3));
  macros.set("__default_python3_version", row.python3);
  macros.set("__default_python3_pkgversion", row.python3);
  if (row.shebangFlags === "sP") macros.set("_py3_shebang_P", "P");
  if (row.pythonWheelPrefix !== null) {
    macros.set("python_wheel_pkg_prefix", row.pythonWheelPrefix);
    macros.set("python_wheel_dir", "%{_datadir}/%{python_wheel_pkg_prefix}-wheels");
  }
  if (row.fedora !== null) {
    macros.set("fedora", String(row.fedora));
    macros.set(`fc${row.fedora}`, "1");
  }
  if (row.rhel !== null) {
    macros.set("rhel", String(row.rhel));
    macros.set("epel", String(row.rhel));
    macros.set(`el${row.rhel}`, "1");
  }
  if (compareRpmVersions(row.rpm, "4.20") >= 0) {
    // rpm 4.20 builds each spec in its own directory under the top build directory.
    macros.set("_builddir", "%{_topdir}/BUILD/%{NAME}-%{VERSION}-build");
    macros.set("builddir", "%{_builddir}");
    macros.set("buildroot", "%{_builddir}/BUILDROOT");
  } else {
    macros.set("_builddir", "%{_topdir}/BUILD");
    macros.set("buildroot", "%{_buildrootdir}/%{NAME}-%{VERSION}-%{RELEASE}.%{_arch}");
  }
  const target: Target = {
    id: row.id,
    fedora: row.fedora,
    rhel: row.rhel,
    python3Version: row.python3,
    macros,
    cpu: TARGET_CPU,
    os: TARGET_OS,
    rpmVersion: row.rpm,
  };
  resolvedTargets.set(id, target);
  return target;
}

/** Compares `major.minor` rpm releases. */
export function compareRpmVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split(".").map(Number);
  const [bMajor = 0, bMinor = 0] = b.split(".").map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}
