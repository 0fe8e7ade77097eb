"""The sandbox's first step: isolate, limit, drop privileges, then become the harness.

Run by `sandbox.py` as its own process (`python -I -S launcher.py CONFIG_JSON`), never imported by
the server: everything here happens in the child, before any candidate code exists, with only the
standard library. In order:

1. With isolation (the server runs as root): a new mount and network namespace (`unshare`), so the
   candidate has no network at all (its loopback is down: even 127.0.0.1 is unreachable) and the
   mounts below are private to it; then every hidden path (the project, its database and cache,
   /root, /home, /tmp, /proc...) is covered by an empty read-only tmpfs, a path the interpreter
   needs (its install prefix) is bind-mounted back read-only, and a fresh size-limited tmpfs becomes
   the working directory.
2. Resource limits: CPU seconds, address space, file size, processes, open files, no core dumps.
3. With isolation: all groups dropped and a uid/gid of its own (one per worker slot, so the process
   limit and the final clean-up count only this run's processes, and no signal reaches the server).
4. The harness, run in this same interpreter (started by the server with `-I -S` and an empty
   environment): a second interpreter start would double the overhead of every run, and the boundary
   is the kernel's (namespaces, uid, limits), not the process image.

Any failure before the harness starts exits with status 121 and one line on stderr naming the step,
so the server can refuse to run code rather than run it unprotected.
"""

import ctypes
import json
import os
import resource
import sys

CLONE_NEWNS = 0x00020000
CLONE_NEWNET = 0x40000000
MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
SETUP_FAILED = 121

_libc = ctypes.CDLL(None, use_errno=True)
"""The C library the interpreter is linked with (find_library would run ldconfig: slow)."""
_libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong,
                        ctypes.c_char_p]


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _mount(source: str | None, target: str, fstype: str | None, flags: int,
           data: str | None = None) -> None:
    enc = [None if v is None else v.encode() for v in (source, target, fstype, data)]
    _check(_libc.mount(enc[0], enc[1], enc[2], flags, enc[3]), f"mount {target}")


def _isolate(config: dict) -> None:
    _check(_libc.unshare(CLONE_NEWNS | CLONE_NEWNET), "unshare(CLONE_NEWNS | CLONE_NEWNET)")
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    keep = [(path, os.open(path, os.O_PATH)) for path in config["keep"] if os.path.exists(path)]
    for path in config["hide"]:
        if os.path.isdir(path) and not os.path.islink(path):
            _mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=64k,mode=755")
    for path, fd in keep:
        if os.path.isdir(f"/proc/self/fd/{fd}"):
            os.makedirs(path, exist_ok=True)
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            open(path, "a").close()
        _mount(f"/proc/self/fd/{fd}", path, None, MS_BIND | MS_REC)
        _mount(None, path, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
        os.close(fd)
    work = config["workdir"]
    os.makedirs(work, exist_ok=True)
    _mount("tmpfs", work, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
           f"size={config['limits']['file_bytes']},mode=700,uid={config['uid']},"
           f"gid={config['uid']}")
    for path in config["hide"]:
        if os.path.isdir(path) and not os.path.islink(path):
            _mount(None, path, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)
    for path in config["hide_late"]:
        if os.path.isdir(path):
            _mount("tmpfs", path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
                   "size=4k,mode=555")


def _limit(limits: dict) -> None:
    cpu = limits["cpu_seconds"]
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_AS, (limits["memory_bytes"], limits["memory_bytes"]))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["file_bytes"], limits["file_bytes"]))
    resource.setrlimit(resource.RLIMIT_NPROC, (limits["processes"], limits["processes"]))
    resource.setrlimit(resource.RLIMIT_NOFILE, (limits["open_files"], limits["open_files"]))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    stack = min(limits["stack_bytes"], limits["memory_bytes"] // 2)
    resource.setrlimit(resource.RLIMIT_STACK, (stack, stack))


def main() -> None:
    config = json.loads(sys.argv[1])
    step = "read the harness"
    try:
        with open(config["harness"], encoding="utf-8") as handle:
            harness = handle.read()
        if config["isolate"]:
            step = "isolate (namespaces and mounts)"
            _isolate(config)
        step = "set resource limits"
        _limit(config["limits"])
        if config["isolate"]:
            step = "drop privileges"
            os.setgroups([])
            os.setgid(config["uid"])
            os.setuid(config["uid"])
            if os.getuid() == 0 or os.geteuid() == 0:
                raise OSError("still root after setuid")
        step = "enter the working directory"
        os.chdir(config["workdir"])
        os.umask(0o077)
        code = compile(harness, "<harness>", "exec")
    except Exception as exc:  # noqa: BLE001 - any failure must stop the run, named
        os.write(2, f"sandbox setup failed at '{step}': {exc}\n".encode())
        os._exit(SETUP_FAILED)
    sys.argv = ["solution"]
    del config, harness
    exec(code, {"__name__": "__main__", "__builtins__": __builtins__})  # noqa: S102


if __name__ == "__main__":
    main()
