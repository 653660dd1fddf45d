using Vybe.Web.Ocr.Heif;
using Vybe.Web.Ocr.Tesseract;

namespace Vybe.Web.Ocr;

public static class OcrServiceCollectionExtensions
{
    public const string InstallHint =
        "Photo readings need Tesseract on the server: install the Debian packages libtesseract5 and tesseract-ocr-eng " +
        "(sudo apt install libtesseract5 tesseract-ocr-eng), then restart Vybe. Times and numbers can still be typed.";

    public static IServiceCollection AddOcr(this IServiceCollection services)
    {
        services.AddOptions<OcrOptions>().BindConfiguration(OcrOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TesseractEnginePool>();
        services.AddSingleton<HeifSupport>();
        services.AddSingleton<PhotoReader>();
        services.AddSingleton<PhotoOffers>();
        return services;
    }

    /// <summary>Says at start-up whether photos, and HEIC photos among them, can be read, and if not what to install.</summary>
    public static void LogOcrAvailability(this WebApplication app)
    {
        var engines = app.Services.GetRequiredService<TesseractEnginePool>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Vybe.Ocr");
        if (engines.IsAvailable)
        {
            logger.LogInformation("Photo readings: Tesseract {Version}, {Size} engine(s) in the pool", engines.Version, engines.Size);
        }
        else
        {
            logger.LogWarning("Photo readings are off: {Problem} {Hint}", engines.Problem, InstallHint);
        }
        var heif = app.Services.GetRequiredService<HeifSupport>();
        if (heif.IsAvailable)
        {
            logger.LogInformation("HEIC photos: libheif {Version}", heif.Version);
        }
        else
        {
            logger.LogWarning("HEIC photos are off: {Problem} {Hint}", heif.Problem, HeifSupport.InstallHint);
        }
    }
}
