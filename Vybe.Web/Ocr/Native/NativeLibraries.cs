using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Vybe.Web.Ocr.Native;

/// <summary>
/// Binds the aliases our <c>LibraryImport</c>s name (Tesseract's, libheif's) to the library files the
/// configuration names, loaded at run time so a machine without one still runs everything else. An
/// assembly takes one DllImport resolver, so every binding goes through this one. P/Invoke binds
/// once per process: an alias keeps the first library that loaded for it.
/// </summary>
internal static class NativeLibraries
{
    private static readonly Lock Gate = new();
    private static readonly ConcurrentDictionary<string, IntPtr> Bound = new(StringComparer.Ordinal);
    private static bool resolverInstalled;

    /// <summary>Loads <paramref name="libraryName"/> for <paramref name="alias"/>; false when it is not installed.</summary>
    public static bool TryBind(string alias, string libraryName)
    {
        lock (Gate)
        {
            if (!resolverInstalled)
            {
                NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
                resolverInstalled = true;
            }
            if (!NativeLibrary.TryLoad(libraryName, out var handle))
            {
                return false;
            }
            Bound.TryAdd(alias, handle);
            return true;
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        Bound.TryGetValue(name, out var handle) ? handle : IntPtr.Zero;
}
