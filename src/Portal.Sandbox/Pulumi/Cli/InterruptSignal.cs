using System.Globalization;
using System.Runtime.InteropServices;

namespace Portal.Sandbox.Pulumi;

/// <summary>
/// Makes SIGINT reach the sandbox CLI even when it was started with SIGINT ignored, as a shell does for commands it
/// runs in the background (<c>nohup</c>, <c>&amp;</c>) and their children inherit. The real pulumi CLI is a Go program and
/// <c>signal.Notify</c> un-ignores the signal, so the driver's SIGINT always cancels an update gracefully; the .NET
/// runtime instead leaves an inherited SIG_IGN in place and <see cref="PosixSignalRegistration"/> never fires. So when
/// SIGINT arrives ignored, its disposition is reset to the default and the same command line is executed again: exec
/// keeps the pid, the environment and every open descriptor, and the new runtime starts with SIGINT deliverable.
/// </summary>
internal static class InterruptSignal
{
    private const int SigInt = 2;

    public static void EnsureDeliverable()
    {
        if (!OperatingSystem.IsLinux() || !IsIgnored(SigInt))
        {
            return;
        }

        // /proc/self/cmdline is the exact argv (empty arguments included), each ending in a NUL.
        var commandLine = File.ReadAllText("/proc/self/cmdline");
        string?[] argv = [.. commandLine[..^1].Split('\0'), null];
        if (NativeMethods.Signal(SigInt, IntPtr.Zero) == -1)
        {
            return;
        }

        // exec returns only when it failed: then go on as before, with SIGINT ignored again as it was inherited.
        if (NativeMethods.Exec("/proc/self/exe", argv) == -1)
        {
            _ = NativeMethods.Signal(SigInt, 1);
        }
    }

    private static bool IsIgnored(int signal)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("SigIgn:", StringComparison.Ordinal))
            {
                var mask = ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                return (mask & (1UL << (signal - 1))) != 0;
            }
        }

        return false;
    }

    private static class NativeMethods
    {
        // DllImport rather than LibraryImport: the source-generated form needs AllowUnsafeBlocks in the project file.
        // LPStr is UTF-8 on Unix.
        [DllImport("libc", EntryPoint = "signal", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern nint Signal(int signal, nint handler);

        [DllImport("libc", EntryPoint = "execv", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Exec(
            [MarshalAs(UnmanagedType.LPUTF8Str)] string path,
            [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string?[] argv);
    }
}
