using System.Diagnostics;
using Vybe.Web.Ocr;

namespace Vybe.OcrBench.Scoring;

/// <summary>The two readers the scorer compares, each timed from the photo's bytes (or file) to its candidates.</summary>
public static class Readers
{
    /// <summary>Vybe's reader through its public API only, as the photo form uses it: header check, then ReadAsync.</summary>
    public static async Task<Attempt> VybeAsync(PhotoReader reader, byte[] bytes)
    {
        var watch = Stopwatch.StartNew();
        if (!PhotoReader.TryAccept(bytes, out _, out var refusal))
        {
            return Attempt.Failed($"refused: {refusal}", watch.Elapsed.TotalMilliseconds);
        }
        try
        {
            var findings = await reader.ReadAsync(bytes, CancellationToken.None);
            return new Attempt(findings.Candidates, findings.AutomaticChoice, findings.RecognizedText, watch.Elapsed.TotalMilliseconds);
        }
        catch (InvalidImageException e)
        {
            return Attempt.Failed($"not decoded: {e.Message}", watch.Elapsed.TotalMilliseconds);
        }
    }

    /// <summary>
    /// `tesseract FILE stdout` with default settings, its text through the app's candidate extraction;
    /// it picks automatically when exactly one candidate is found.
    /// </summary>
    public static async Task<Attempt> CommandAsync(string path)
    {
        var watch = Stopwatch.StartNew();
        var start = new ProcessStartInfo("tesseract") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(path);
        start.ArgumentList.Add("stdout");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("tesseract did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return Attempt.Failed("tesseract took over 60 s", watch.Elapsed.TotalMilliseconds);
        }
        var text = await output;
        await errors;
        var elapsed = watch.Elapsed.TotalMilliseconds;
        var candidates = CandidateExtractor.Extract(text);
        return process.ExitCode == 0
            ? new Attempt(candidates, candidates is [var only] ? only : null, text, elapsed)
            : Attempt.Failed($"tesseract exited with {process.ExitCode}: {(await errors).Trim()}", elapsed);
    }

    public static async Task<string> CommandVersionAsync()
    {
        var start = new ProcessStartInfo("tesseract", "--version") { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start);
        if (process is null)
        {
            return "?";
        }
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "?";
    }
}
