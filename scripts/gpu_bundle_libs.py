#!/usr/bin/env python3
"""Copies into LIB_DIR every shared library that the given ELF files load, transitively, except
those a machine with PyPI's torch wheel already has (torch's own, CUDA's, the C runtime).

OpenCV's image codecs link GDAL for geospatial rasters, whose dependency tree (~150 MB) would
not fit the bundle and is never used by the engine: GDAL is replaced by a generated stub library
of the same soname whose functions abort with a message, which satisfies the loader's
immediate binding.

Usage: gpu_bundle_libs.py LIB_DIR ELF...
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

# Provided by the torch wheel (torch/lib and the nvidia-* packages) or by every Linux system.
PROVIDED = re.compile(
    r"^(libtorch|libc10|libcaffe2|libshm|libgomp|libcu|libnv|libnccl|libcudnn|libcufile|libcupti"
    r"|libc\.so|libm\.so|libdl\.so|librt\.so|libpthread\.so|ld-linux|libgcc_s\.so|libstdc\+\+\.so|libutil\.so)")
STUBBED = {"libgdal.so.32"}


def needed(path):
    out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True, check=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def system_libraries():
    out = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    found = {}
    for line in out.splitlines():
        m = re.match(r"\s+(\S+) \(libc6,x86-64[^)]*\) => (\S+)", line)
        if m and m.group(1) not in found:
            found[m.group(1)] = os.path.realpath(m.group(2))
    return found


def defined_symbols(path):
    out = subprocess.run(["nm", "-D", "--defined-only", path], capture_output=True, text=True, check=True).stdout
    symbols = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            symbols[parts[2].split("@")[0]] = parts[1]
    return symbols


def undefined_symbols(path):
    out = subprocess.run(["nm", "-D", "--undefined-only", path], capture_output=True, text=True, check=True).stdout
    return {line.split()[-1].split("@")[0] for line in out.splitlines() if line.strip()}


def write_stub(soname, real, users, lib_dir):
    wanted = set().union(*(undefined_symbols(u) for u in users)) if users else set()
    provided = defined_symbols(real)
    lines = ["#include <stdio.h>", "#include <stdlib.h>",
             "static void missing(void) { fputs(\"" + soname + " is not in the GPU bundle\\n\", stderr); abort(); }"]
    for i, name in enumerate(sorted(wanted & provided.keys())):
        if provided[name] in "TtWi":
            lines.append(f'void f{i}(void) __asm__("{name}"); void f{i}(void) {{ missing(); }}')
        else:
            lines.append(f'char d{i}[256] __asm__("{name}");')
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "stub.c")
        with open(source, "w") as f:
            f.write("\n".join(lines) + "\n")
        subprocess.run(["cc", "-shared", "-fPIC", "-O1", f"-Wl,-soname,{soname}", "-o",
                        os.path.join(lib_dir, soname), source], check=True)


def main():
    lib_dir, roots = sys.argv[1], sys.argv[2:]
    system = system_libraries()
    copied, stubs, pending = {}, {}, list(roots)
    while pending:
        elf = pending.pop()
        for soname in needed(elf):
            if PROVIDED.match(soname) or soname in copied:
                continue
            if soname in STUBBED:
                stubs.setdefault(soname, set()).add(elf)
                continue
            local = os.path.join(lib_dir, soname)
            if os.path.exists(local) and soname not in copied:
                copied[soname] = local
                continue
            if soname not in system:
                sys.exit(f"gpu_bundle_libs: {soname} (needed by {elf}) is not installed")
            shutil.copy2(system[soname], local)
            copied[soname] = local
            pending.append(local)
    for soname, users in stubs.items():
        write_stub(soname, system[soname], users, lib_dir)
    print(f"bundled {len(copied)} libraries, stubbed {', '.join(sorted(stubs)) or 'none'}")


if __name__ == "__main__":
    main()
