using System.Runtime.InteropServices;

namespace Portal.Provisioning.Pulumi;

/// <summary>.NET has no managed way to send SIGINT to another process; the CLI needs it to cancel gracefully.</summary>
internal static class NativeMethods
{
    public const int SigInt = 2;

    // DllImport rather than LibraryImport: the source-generated form needs AllowUnsafeBlocks in the project file,
    // and kill(2) takes only blittable ints.
    [DllImport("libc", EntryPoint = "kill")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Kill(int pid, int signal);
}
