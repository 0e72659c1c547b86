using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Scaffolder.Planning;

/// <summary>
/// Starts writing a file's content to disk without waiting for it (Linux's <c>sync_file_range</c> with
/// <c>SYNC_FILE_RANGE_WRITE</c>, as dpkg does before its flushes): started as each file is written, the writes of a
/// plan's files are all under way when the first flush waits, and that flush commits the others with it.
/// </summary>
/// <remarks>Only a head start: whatever it does, each file is still flushed before its rename.</remarks>
internal static partial class Writeback
{
    private const uint WriteDirtyPages = 2; // SYNC_FILE_RANGE_WRITE

    public static void Start(SafeFileHandle file)
    {
        if (!OperatingSystem.IsLinux())
            return;
        // The whole file (a length of 0 runs to its end). A failure (a file system without it) leaves the flush to do all.
        _ = SyncFileRange((int)file.DangerousGetHandle(), 0, 0, WriteDirtyPages);
    }

    [LibraryImport("libc", EntryPoint = "sync_file_range")]
    private static partial int SyncFileRange(int descriptor, long offset, long length, uint flags);
}
