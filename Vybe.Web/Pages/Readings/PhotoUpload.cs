using Vybe.Web.Ocr;
using Vybe.Web.Ocr.Heif;

namespace Vybe.Web.Pages.Readings;

/// <summary>
/// An uploaded photo, read into memory once it is known to be a picture Vybe reads: either its
/// bytes, or the message for the photo field (no photo, too big, not a PNG, JPEG, WebP or HEIC, a HEIC on a
/// server without libheif).
/// </summary>
public sealed record PhotoUpload
{
    /// <summary>A 5 MB photo plus the form around it; anything larger is refused before it is read.</summary>
    public const int MaxRequestBytes = ImageUploadRules.MaxBytes + (256 * 1024);

    public const string TooLargeMessage = "That photo is too large: the limit is 5 MB. Resize it or take a screenshot of it, and upload that.";

    private PhotoUpload(byte[]? data, string? problem)
    {
        Data = data;
        Problem = problem;
    }

    /// <summary>The photo's bytes; null when there is a <see cref="Problem"/>.</summary>
    public byte[]? Data { get; }

    public string? Problem { get; }

    public static async Task<PhotoUpload> ReadAsync(IFormFile? file, bool photosAvailable, HeifSupport heif, CancellationToken cancellationToken)
    {
        var problem = file switch
        {
            _ when !photosAvailable => OcrServiceCollectionExtensions.InstallHint,
            null => "Choose a photo to upload: a PNG, JPEG, WebP or HEIC picture of the number you saw.",
            { Length: > ImageUploadRules.MaxBytes } => $"That file is {file.Length / (1024.0 * 1024.0):0.0} MB; the limit is 5 MB.",
            _ => null,
        };
        if (problem is not null)
        {
            return new PhotoUpload(null, problem);
        }

        var data = new byte[file!.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(data, cancellationToken);
        }
        if (!PhotoReader.TryAccept(data, out var header, out var error))
        {
            return new PhotoUpload(null, error);
        }
        return header.Format == ImageFormat.Heic && !heif.IsAvailable ? new PhotoUpload(null, HeifSupport.InstallHint) : new PhotoUpload(data, null);
    }
}
