using System.Reflection;
using System.Runtime.InteropServices;

namespace Vybe.Web.Ocr.Tesseract;

/// <summary>
/// Finds the Tesseract library by the configured name (Debian's libtesseract.so.5 by default) and
/// says plainly when it is missing. P/Invoke binds once per process, to the first library that loaded.
/// </summary>
internal static class TesseractLibrary
{
    private static readonly Lock Gate = new();
    private static bool resolverInstalled;
    private static IntPtr bound;

    /// <summary>Loads the library; false with a reason when it is not installed.</summary>
    public static bool TryLoad(string libraryName, out string? version, out string? problem)
    {
        lock (Gate)
        {
            if (!resolverInstalled)
            {
                NativeLibrary.SetDllImportResolver(typeof(TesseractLibrary).Assembly, Resolve);
                resolverInstalled = true;
            }
            if (!NativeLibrary.TryLoad(libraryName, out var handle))
            {
                version = null;
                problem = $"The Tesseract library ({libraryName}) is not installed.";
                return false;
            }
            if (bound == IntPtr.Zero)
            {
                bound = handle;
            }
        }
        version = Marshal.PtrToStringUTF8(TesseractNative.TessVersion());
        problem = null;
        return true;
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == TesseractNative.LibraryAlias ? bound : IntPtr.Zero;
}
