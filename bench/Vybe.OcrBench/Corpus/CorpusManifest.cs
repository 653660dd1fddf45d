namespace Vybe.OcrBench.Corpus;

/// <summary>One photo of the corpus: its file, what a person reads first (any of the alternatives), its kind and what it shows.</summary>
public sealed record CorpusEntry(string File, IReadOnlyList<string> Expected, string Kind, string Description);

/// <summary>
/// expected.tsv: a header line, then one line per photo: file, expected (alternatives separated by |),
/// kind, description. Written last, so a folder with a manifest holds a whole corpus.
/// </summary>
public static class CorpusManifest
{
    public const string FileName = "expected.tsv";
    private const string Header = "file\texpected\tkind\tdescription";

    public static void Write(string folder, IEnumerable<CorpusEntry> entries)
    {
        var lines = entries.Select(e => string.Join('\t', e.File, string.Join('|', e.Expected), e.Kind, Clean(e.Description)));
        File.WriteAllText(Path.Combine(folder, FileName), string.Join('\n', lines.Prepend(Header)) + "\n");
    }

    public static IReadOnlyList<CorpusEntry> Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header)
        {
            throw new InvalidDataException($"{path} does not start with the header \"{Header.Replace("\t", "⇥", StringComparison.Ordinal)}\".");
        }
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select((line, i) =>
        {
            var fields = line.Split('\t');
            return fields.Length == 4
                ? new CorpusEntry(fields[0], fields[1].Split('|'), fields[2], fields[3])
                : throw new InvalidDataException($"{path} line {i + 2} has {fields.Length} fields, not 4.");
        })];
    }

    private static string Clean(string text) => text.Replace('\t', ' ').Replace('\n', ' ');
}
