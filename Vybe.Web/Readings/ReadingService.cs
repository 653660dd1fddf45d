using Vybe.Web.History;
using Vybe.Web.History.Storage;

namespace Vybe.Web.Readings;

/// <summary>A parsed request for a reading of one time or number.</summary>
public sealed record ReadingRequest(ReadingKind Kind, string RawInput, ReadingSubject Subject, ReadingDepth Depth);

/// <summary>A parsed request to compare two times or numbers.</summary>
public sealed record ComparisonRequest(string RawFirst, ReadingSubject First, string RawSecond, ReadingSubject Second, ReadingDepth Depth);

/// <summary>Makes a reading: the engine computes the facts, the writer writes, the history keeps it.</summary>
public sealed class ReadingService(IReadingWriter writer, HistoryStore history, ReadingViews views, TimeProvider clock)
{
    public async Task<ReadingView> ReadAsync(HistoryOwner owner, ReadingRequest request, CancellationToken cancellationToken)
    {
        var facts = NumerologyEngine.Read(request.Subject);
        var written = await writer.WriteAsync(facts, request.Depth, cancellationToken);
        var row = NewRow(request.Kind, request.RawInput, facts.Input, request.Depth, ReadingJson.Serialize(facts), written);
        await history.SaveAsync(owner, row, cancellationToken);
        return views.From(row);
    }

    public async Task<ReadingView> CompareAsync(HistoryOwner owner, ComparisonRequest request, CancellationToken cancellationToken)
    {
        var comparison = NumerologyEngine.Compare(NumerologyEngine.Read(request.First), NumerologyEngine.Read(request.Second));
        var written = await writer.WriteComparisonAsync(comparison, request.Depth, cancellationToken);
        var row = NewRow(ReadingKind.Compare, $"{request.RawFirst.Trim()} | {request.RawSecond.Trim()}",
            $"{comparison.First.Input} & {comparison.Second.Input}", request.Depth, ReadingJson.Serialize(comparison), written);
        await history.SaveAsync(owner, row, cancellationToken);
        return views.From(row);
    }

    private StoredReading NewRow(ReadingKind kind, string rawInput, string normalizedInput, ReadingDepth depth, string numbers, WrittenReading written)
    {
        var now = clock.GetUtcNow();
        return new()
        {
            Id = Guid.NewGuid(),
            Kind = kind.Key(),
            RawInput = rawInput,
            NormalizedInput = normalizedInput,
            Depth = depth.Key(),
            Numbers = numbers,
            Writer = written.Writer,
            Sections = ReadingJson.Serialize(written.Sections),
            WriterNote = written.Note,
            CreatedAt = now,
            SeenAt = now,
        };
    }
}
