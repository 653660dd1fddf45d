using SkiaSharp;

namespace Vybe.OcrBench.Corpus;

/// <summary>
/// One scene ready for the camera: what a person reads first in it (alternatives separated by |),
/// a description saying what is there and why that is read first, and how it is captured.
/// </summary>
public sealed record Drawn(SKImage Scene, string Expected, string Description, Shot Shot) : IDisposable
{
    public void Dispose() => Scene.Dispose();
}
