using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace RelationGraph.Core.Ingestion;

/// <summary>
/// What .NET's file APIs do not tell: whether a path is a regular file (opening a named pipe waits for a writer
/// forever, a device never ends), and where a linked folder really is (to walk a folder tree without looping).
/// File types are known on Linux only (<c>statx</c>): elsewhere every file counts as regular. Real paths come from
/// libc's <c>realpath</c> on Linux and macOS, and from .NET's link resolution elsewhere.
/// </summary>
internal static partial class FileProbe
{
    private const int AtCurrentDirectory = -100;
    private const uint StatxType = 0x1;
    private const int StatxSize = 256;
    private const int StatxModeOffset = 28;

    private static bool _statxMissing = !OperatingSystem.IsLinux();
    private static bool _realpathMissing = !(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS());

    /// <summary>
    /// What <paramref name="path"/> is when it is something other than a regular file or folder (following links),
    /// such as "a named pipe"; null for a regular file, a folder, a path that does not exist, or when unknown.
    /// </summary>
    public static string? NotRegularFile(string path)
    {
        if (_statxMissing)
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[StatxSize];
        int result;
        try
        {
            result = Statx(AtCurrentDirectory, path, 0, StatxType, buffer);
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            _statxMissing = true; // a libc older than glibc 2.28, or none found
            return null;
        }

        if (result != 0)
        {
            return null; // missing or unreadable: opening it reports that
        }

        return (BinaryPrimitives.ReadUInt16LittleEndian(buffer[StatxModeOffset..]) & 0xF000) switch
        {
            0x1000 => "a named pipe",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => null,
        };
    }

    /// <summary>The absolute path of <paramref name="path"/> with every link resolved; null when it does not resolve (a dangling link).</summary>
    public static string? RealPath(string path)
    {
        if (!_realpathMissing)
        {
            try
            {
                var resolved = Realpath(path, IntPtr.Zero);
                if (resolved == IntPtr.Zero)
                {
                    return null;
                }

                try
                {
                    return Marshal.PtrToStringUTF8(resolved);
                }
                finally
                {
                    Free(resolved);
                }
            }
            catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
            {
                _realpathMissing = true;
            }
        }

        // the last link of the path only: enough to find a loop back to a folder given by its real path
        try
        {
            var info = new DirectoryInfo(path);
            var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true);
            return target is { Exists: true } ? Path.TrimEndingDirectorySeparator(target.FullName) : null;
        }
        catch (IOException)
        {
            return null; // a cycle of links
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directoryFd, string path, int flags, uint mask, Span<byte> buffer);

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr Realpath(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(IntPtr pointer);
}
