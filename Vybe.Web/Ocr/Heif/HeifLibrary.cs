using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Vybe.Web.Ocr.Heif;

/// <summary>
/// Finds libheif by the configured name (Debian's libheif.so.1 by default) and says plainly when it
/// is missing. P/Invoke binds once per process, to the first library that loaded.
/// </summary>
/// <remarks>
/// An assembly takes one DllImport resolver, and <c>TesseractLibrary</c> has it; so libheif is
/// resolved through the load context's <see cref="AssemblyLoadContext.ResolvingUnmanagedDll"/>
/// event, which the runtime raises after that resolver and its own probing have declined the alias.
/// </remarks>
internal static class HeifLibrary
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
                var context = AssemblyLoadContext.GetLoadContext(typeof(HeifLibrary).Assembly) ?? AssemblyLoadContext.Default;
                context.ResolvingUnmanagedDll += Resolve;
                resolverInstalled = true;
            }
            if (!NativeLibrary.TryLoad(libraryName, out var handle))
            {
                version = null;
                problem = $"The HEIF library ({libraryName}) is not installed.";
                return false;
            }
            if (bound == IntPtr.Zero)
            {
                bound = handle;
            }
        }
        version = Marshal.PtrToStringUTF8(HeifNative.GetVersion());
        problem = null;
        return true;
    }

    private static IntPtr Resolve(Assembly assembly, string name) =>
        name == HeifNative.LibraryAlias && assembly == typeof(HeifLibrary).Assembly ? bound : IntPtr.Zero;
}
