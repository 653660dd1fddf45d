using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Vybe.Web.Ocr.Heif;

/// <summary>
/// The few functions of libheif's C API (<c>libheif/heif.h</c>) that Vybe needs to decode a HEIC
/// photo, from Debian's <c>libheif.so.1</c>. The library name is resolved at run time
/// (<see cref="HeifLibrary"/>), so a machine without it still reads every other format.
/// </summary>
internal static unsafe partial class HeifNative
{
    public const string LibraryAlias = "vybe-heif";

    /// <summary>enum heif_colorspace.</summary>
    public enum Colorspace
    {
        YCbCr = 0,
        Rgb = 1,
        Monochrome = 2,
    }

    /// <summary>enum heif_chroma.</summary>
    public enum Chroma
    {
        Monochrome = 0,

        /// <summary>4:2:0, as cameras code their photos.</summary>
        C420 = 1,
        InterleavedRgb = 10,
    }

    /// <summary>enum heif_channel.</summary>
    public enum Channel
    {
        Y = 0,
        Interleaved = 10,
    }

    [LibraryImport(LibraryAlias, EntryPoint = "heif_get_version")]
    public static partial IntPtr GetVersion();

    [LibraryImport(LibraryAlias, EntryPoint = "heif_context_alloc")]
    public static partial HeifContextHandle ContextAlloc();

    [LibraryImport(LibraryAlias, EntryPoint = "heif_context_free")]
    public static partial void ContextFree(IntPtr context);

    /// <summary>libheif reads from the memory for as long as the context lives: the caller keeps it pinned until then.</summary>
    [LibraryImport(LibraryAlias, EntryPoint = "heif_context_read_from_memory_without_copy")]
    public static partial HeifError ContextReadFromMemoryWithoutCopy(HeifContextHandle context, byte* memory, nuint size, IntPtr readingOptions);

    [LibraryImport(LibraryAlias, EntryPoint = "heif_context_set_max_decoding_threads")]
    public static partial void ContextSetMaxDecodingThreads(HeifContextHandle context, int maxThreads);

    [LibraryImport(LibraryAlias, EntryPoint = "heif_context_get_primary_image_handle")]
    public static partial HeifError ContextGetPrimaryImageHandle(HeifContextHandle context, out HeifImageHandle handle);

    [LibraryImport(LibraryAlias, EntryPoint = "heif_image_handle_get_width")]
    public static partial int ImageHandleGetWidth(HeifImageHandle handle);

    [LibraryImport(LibraryAlias, EntryPoint = "heif_image_handle_get_height")]
    public static partial int ImageHandleGetHeight(HeifImageHandle handle);

    [LibraryImport(LibraryAlias, EntryPoint = "heif_image_handle_release")]
    public static partial void ImageHandleRelease(IntPtr handle);

    /// <summary>With no decoding options, libheif applies the file's orientation (irot, imir) and crop (clap).</summary>
    [LibraryImport(LibraryAlias, EntryPoint = "heif_decode_image")]
    public static partial HeifError DecodeImage(HeifImageHandle handle, out HeifImage image, Colorspace colorspace, Chroma chroma, IntPtr decodingOptions);

    [LibraryImport(LibraryAlias, EntryPoint = "heif_image_get_width")]
    public static partial int ImageGetWidth(HeifImage image, Channel channel);

    [LibraryImport(LibraryAlias, EntryPoint = "heif_image_get_height")]
    public static partial int ImageGetHeight(HeifImage image, Channel channel);

    [LibraryImport(LibraryAlias, EntryPoint = "heif_image_get_bits_per_pixel_range")]
    public static partial int ImageGetBitsPerPixelRange(HeifImage image, Channel channel);

    /// <summary>The plane's first byte, or null when the image has no such channel; stride is the bytes from one row to the next.</summary>
    [LibraryImport(LibraryAlias, EntryPoint = "heif_image_get_plane_readonly")]
    public static partial byte* ImageGetPlaneReadonly(HeifImage image, Channel channel, out int stride);

    [LibraryImport(LibraryAlias, EntryPoint = "heif_image_release")]
    public static partial void ImageRelease(IntPtr image);
}

/// <summary>
/// struct heif_error, returned by value: an error code (0 is success), a finer subcode, and a
/// message owned by libheif (static or held by the context, so it is read, never freed).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct HeifError
{
    public readonly int Code;
    public readonly int Subcode;
    public readonly IntPtr Message;

    public bool Failed => Code != 0;

    public string Describe() =>
        $"{(Message == IntPtr.Zero ? "" : Marshal.PtrToStringUTF8(Message))} (libheif error {Code}.{Subcode})";
}

/// <summary>A heif_context: freed with heif_context_free.</summary>
internal sealed class HeifContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public HeifContextHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        HeifNative.ContextFree(handle);
        return true;
    }
}

/// <summary>A heif_image_handle: released with heif_image_handle_release.</summary>
internal sealed class HeifImageHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public HeifImageHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        HeifNative.ImageHandleRelease(handle);
        return true;
    }
}

/// <summary>A decoded heif_image: released with heif_image_release.</summary>
internal sealed class HeifImage : SafeHandleZeroOrMinusOneIsInvalid
{
    public HeifImage()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        HeifNative.ImageRelease(handle);
        return true;
    }
}
