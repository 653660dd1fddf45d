using Vybe.Web.Ocr;

namespace Vybe.OcrBench.Scoring;

/// <summary>One reader's answer for one photo: the candidates in the order offered, the one picked without asking, the text it read, and how long it took.</summary>
public sealed record Attempt(IReadOnlyList<ReadingCandidate> Candidates, ReadingCandidate? Automatic, string Text, double Milliseconds, string? Failure = null)
{
    public static Attempt Failed(string failure, double milliseconds) => new([], null, "", milliseconds, failure);
}

/// <summary>Both readers on one photo.</summary>
public sealed record PhotoScore(string File, string Kind, ExpectedAnswer Expected, Attempt Vybe, Attempt Command)
{
    public bool Offered(Attempt attempt) => attempt.Candidates.Any(Expected.Accepts);

    public bool PickedRight(Attempt attempt) => attempt.Automatic is not null && Expected.Accepts(attempt.Automatic);

    public bool PickedWrong(Attempt attempt) => attempt.Automatic is not null && !Expected.Accepts(attempt.Automatic);

    public bool FirstRight(Attempt attempt) => attempt.Candidates.Count > 0 && Expected.Accepts(attempt.Candidates[0]);
}
