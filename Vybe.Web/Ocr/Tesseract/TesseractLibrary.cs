using System.Runtime.InteropServices;
using Vybe.Web.Ocr.Native;

namespace Vybe.Web.Ocr.Tesseract;

/// <summary>
/// Finds the Tesseract library by the configured name (Debian's libtesseract.so.5 by default) and
/// says plainly when it is missing (<see cref="NativeLibraries"/> binds it).
/// </summary>
internal static class TesseractLibrary
{
    /// <summary>Loads the library; false with a reason when it is not installed.</summary>
    public static bool TryLoad(string libraryName, out string? version, out string? problem)
    {
        if (!NativeLibraries.TryBind(TesseractNative.LibraryAlias, libraryName))
        {
            version = null;
            problem = $"The Tesseract library ({libraryName}) is not installed.";
            return false;
        }
        version = Marshal.PtrToStringUTF8(TesseractNative.TessVersion());
        problem = null;
        return true;
    }
}
