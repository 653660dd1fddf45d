using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Vybe.Web.Ocr.Tesseract;

/// <summary>
/// A fixed number of Tesseract engines, each initialised once and used by one request at a time.
/// Callers beyond the pool size wait their turn instead of loading more models into memory.
/// </summary>
public sealed class TesseractEnginePool : IDisposable
{
    private readonly OcrOptions settings;
    private readonly SemaphoreSlim turns;
    private readonly ConcurrentBag<TesseractEngine> idle = [];
    private readonly Lazy<(bool Available, string? Version, string? Problem)> availability;
    private bool disposed;

    public TesseractEnginePool(IOptions<OcrOptions> options)
    {
        settings = options.Value;
        turns = new SemaphoreSlim(settings.EffectivePoolSize, settings.EffectivePoolSize);
        availability = new Lazy<(bool, string?, string?)>(Probe, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public int Size => settings.EffectivePoolSize;

    /// <summary>Whether photos can be read here; when not, <see cref="Problem"/> says what to install.</summary>
    public bool IsAvailable => availability.Value.Available;

    public string? Version => availability.Value.Version;

    public string? Problem => availability.Value.Problem;

    /// <summary>Runs the work on an engine of the pool, waiting for a free one if needed.</summary>
    internal async Task<T> UseAsync<T>(Func<TesseractEngine, T> work, CancellationToken cancellationToken)
    {
        if (!IsAvailable)
        {
            throw new OcrUnavailableException(Problem ?? "Tesseract is not available.");
        }
        await turns.WaitAsync(cancellationToken);
        TesseractEngine? engine = null;
        try
        {
            engine = idle.TryTake(out var ready) ? ready : TesseractEngine.Create(settings.TessdataPath, settings.Language);
            return work(engine);
        }
        finally
        {
            if (engine is not null)
            {
                idle.Add(engine);
            }
            turns.Release();
        }
    }

    private (bool, string?, string?) Probe()
    {
        if (!TesseractLibrary.TryLoad(settings.LibraryName, out var version, out var problem))
        {
            return (false, null, problem);
        }
        try
        {
            // The first engine proves the language data is there, and joins the pool.
            idle.Add(TesseractEngine.Create(settings.TessdataPath, settings.Language));
            return (true, version, null);
        }
        catch (OcrUnavailableException missing)
        {
            return (false, version, missing.Message);
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        while (idle.TryTake(out var engine))
        {
            engine.Dispose();
        }
        turns.Dispose();
    }
}
