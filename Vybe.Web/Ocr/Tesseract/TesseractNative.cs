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

    /// <summary>Page iterator levels (TessPageIteratorLevel), from the coarsest.</summary>
    public enum IteratorLevel
    {
        Block = 0,
        Paragraph = 1,
        TextLine = 2,
        Word = 3,
        Symbol = 4,
    }

    /// <summary>Runs the recognition that <see cref="TessBaseAPIGetIterator"/> then walks; 0 on success. The monitor may be null.</summary>
    [LibraryImport(LibraryAlias)]
    public static partial int TessBaseAPIRecognize(TesseractHandle handle, IntPtr monitor);

    /// <summary>An iterator over the recognised page, at its first element; invalid when nothing was found.</summary>
    [LibraryImport(LibraryAlias)]
    public static partial TesseractResultIterator TessBaseAPIGetIterator(TesseractHandle handle);

    [LibraryImport(LibraryAlias)]
    public static partial void TessResultIteratorDelete(IntPtr iterator);

    [LibraryImport(LibraryAlias)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool TessResultIteratorNext(TesseractResultIterator iterator, IteratorLevel level);

    [LibraryImport(LibraryAlias)]
    public static partial TesseractText TessResultIteratorGetUTF8Text(TesseractResultIterator iterator, IteratorLevel level);

    [LibraryImport(LibraryAlias)]
    public static partial float TessResultIteratorConfidence(TesseractResultIterator iterator, IteratorLevel level);

    /// <summary>The page iterator a result iterator is (owned by it: not to be deleted).</summary>
    [LibraryImport(LibraryAlias)]
    public static partial IntPtr TessResultIteratorGetPageIteratorConst(TesseractResultIterator iterator);

    [LibraryImport(LibraryAlias)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool TessPageIteratorIsAtBeginningOf(IntPtr pageIterator, IteratorLevel level);

    [LibraryImport(LibraryAlias)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool TessPageIteratorBoundingBox(IntPtr pageIterator, IteratorLevel level, out int left, out int top, out int right, out int bottom);

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

/// <summary>A TessResultIterator: deleted when released.</summary>
internal sealed class TesseractResultIterator : SafeHandleZeroOrMinusOneIsInvalid
{
    public TesseractResultIterator()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        TesseractNative.TessResultIteratorDelete(handle);
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
