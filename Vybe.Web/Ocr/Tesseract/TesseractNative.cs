using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Vybe.Web.Ocr.Tesseract;

/// <summary>
/// The few functions of Tesseract's C API (<c>tesseract/capi.h</c>) that Vybe needs, from Debian's
/// <c>libtesseract.so.5</c>. The library name is resolved at run time (<see cref="TesseractLibrary"/>),
/// so a machine without it still runs every other part of the app.
/// </summary>
internal static partial class TesseractNative
{
    public const string LibraryAlias = "vybe-tesseract";

    /// <summary>Page segmentation modes (TessPageSegMode).</summary>
    public enum PageSegMode
    {
        SingleBlock = 6,
        SingleLine = 7,
        SparseText = 11,
    }

    [LibraryImport(LibraryAlias)]
    public static partial TesseractHandle TessBaseAPICreate();

    [LibraryImport(LibraryAlias)]
    public static partial void TessBaseAPIDelete(IntPtr handle);

    [LibraryImport(LibraryAlias, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TessBaseAPIInit3(TesseractHandle handle, string? dataPath, string language);

    [LibraryImport(LibraryAlias)]
    public static partial void TessBaseAPISetPageSegMode(TesseractHandle handle, PageSegMode mode);

    [LibraryImport(LibraryAlias, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TessBaseAPISetVariable(TesseractHandle handle, string name, string value);

    /// <summary>Tesseract copies the pixels into its own image, so the array need not outlive the call.</summary>
    [LibraryImport(LibraryAlias)]
    public static partial void TessBaseAPISetImage(TesseractHandle handle, byte[] imageData, int width, int height, int bytesPerPixel, int bytesPerLine);

    [LibraryImport(LibraryAlias)]
    public static partial void TessBaseAPISetSourceResolution(TesseractHandle handle, int pixelsPerInch);

    [LibraryImport(LibraryAlias)]
    public static partial TesseractText TessBaseAPIGetUTF8Text(TesseractHandle handle);

    [LibraryImport(LibraryAlias)]
    public static partial void TessDeleteText(IntPtr text);

    [LibraryImport(LibraryAlias)]
    public static partial void TessBaseAPIClear(TesseractHandle handle);

    [LibraryImport(LibraryAlias)]
    public static partial void TessBaseAPIEnd(IntPtr handle);

    [LibraryImport(LibraryAlias)]
    public static partial IntPtr TessVersion();
}

/// <summary>A TessBaseAPI instance: ended and deleted when released.</summary>
internal sealed class TesseractHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public TesseractHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        TesseractNative.TessBaseAPIEnd(handle);
        TesseractNative.TessBaseAPIDelete(handle);
        return true;
    }
}

/// <summary>Text that Tesseract allocated: freed with TessDeleteText.</summary>
internal sealed class TesseractText : SafeHandleZeroOrMinusOneIsInvalid
{
    public TesseractText()
        : base(ownsHandle: true)
    {
    }

    public string Read() => IsInvalid ? "" : Marshal.PtrToStringUTF8(handle) ?? "";

    protected override bool ReleaseHandle()
    {
        TesseractNative.TessDeleteText(handle);
        return true;
    }
}
