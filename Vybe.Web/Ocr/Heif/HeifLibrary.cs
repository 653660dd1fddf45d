using System.Runtime.InteropServices;
using Vybe.Web.Ocr.Native;

namespace Vybe.Web.Ocr.Heif;

/// <summary>
/// Finds libheif by the configured name (Debian's libheif.so.1 by default) and says plainly when it
/// is missing (<see cref="NativeLibraries"/> binds it).
/// </summary>
internal static class HeifLibrary
{
    /// <summary>Loads the library; false with a reason when it is not installed.</summary>
    public static bool TryLoad(string libraryName, out string? version, out string? problem)
    {
        if (!NativeLibraries.TryBind(HeifNative.LibraryAlias, libraryName))
        {
            version = null;
            problem = $"The HEIF library ({libraryName}) is not installed.";
            return false;
        }
        version = Marshal.PtrToStringUTF8(HeifNative.GetVersion());
        problem = null;
        return true;
    }
}
