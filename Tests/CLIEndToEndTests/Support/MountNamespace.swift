import CoverageTestSupport
import Foundation

/// Read-only and nearly full file systems for tests, made in a private mount namespace
/// (`unshare -m`) so they vanish with the process and never touch the host's mounts.
///
/// Needs root with CAP_SYS_ADMIN (a CI container usually has it); where it is missing the
/// tests that need it are disabled, and the `ulimit -f` and `chmod` variants still run.
enum MountNamespace {
    /// The `unshare` program, when this process can mount a tmpfs in a private namespace.
    static let unshare: String? = {
        guard let unshare = ProcessRunner.which("unshare"),
            let dir = try? FixtureDirectory("mount-probe", in: E2EScratch.root).url
        else { return nil }
        let probe = try? ProcessRunner.run(
            unshare, ["-m", "/bin/sh", "-c", "mount -t tmpfs -o size=64k tmpfs \"$0\"", dir.path])
        return probe?.status == 0 ? unshare : nil
    }()

    /// True when mount namespaces can be used here.
    static var isAvailable: Bool { unshare != nil }

    /// Runs covaudit with `folder` bind-mounted read-only over itself.
    static func readOnly(_ folder: String) -> Launch {
        let script = """
            d=$1; shift
            mount --bind "$d" "$d" && mount -o remount,bind,ro "$d" "$d" || exit 99
            exec "$@"
            """
        return .through([unshare ?? "unshare", "-m", "/bin/sh", "-c", script, "sh", folder])
    }

    /// Runs covaudit with a tmpfs of `bytes` mounted at `folder`; afterwards the folder's contents
    /// are copied to `<folder>.after` (the mount vanishes with the namespace).
    static func smallFolder(bytes: Int, folder: String) -> Launch {
        let script = """
            m=$1; size=$2; shift 2
            mkdir -p "$m" "$m.after" || exit 96
            mount -t tmpfs -o size=$size tmpfs "$m" || exit 99
            "$@"; rc=$?
            cp -a "$m/." "$m.after/" || exit 97
            exit $rc
            """
        return .through([unshare ?? "unshare", "-m", "/bin/sh", "-c", script, "sh", folder, "\(bytes / 1024)k"])
    }

    /// Runs covaudit on a copy of `store` in a tmpfs of `bytes` mounted at `mountPoint`.
    ///
    /// Afterwards the store (and any `-wal`/`-shm`) is copied back beside the original, so the
    /// caller can compare it with what it was. covaudit must be given `--db <mountPoint>/<name>`.
    static func smallDisk(bytes: Int, mountPoint: String, store: String) -> Launch {
        let script = """
            m=$1; src=$2; size=$3; shift 3
            mount -t tmpfs -o size=$size tmpfs "$m" || exit 99
            cp "$src" "$m/" || exit 98
            "$@"; rc=$?
            cp "$m/$(basename "$src")"* "$(dirname "$src")/" || exit 97
            exit $rc
            """
        return .through([
            unshare ?? "unshare", "-m", "/bin/sh", "-c", script, "sh", mountPoint, store, "\(bytes / 1024)k",
        ])
    }
}
