using Vybe.Web.Readings;

namespace Vybe.Web.Commands;

/// <summary>
/// <c>dotnet Vybe.Web.dll reading DEPTH INPUT…</c>: prints the built-in writer's reading of each input
/// (a time when it has a colon, else a number). A developer's tool, and how the tests check that a
/// reading does not change from one process to the next. Needs no database.
/// </summary>
public static class ReadingCommand
{
    public const string Name = "reading";

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments)
    {
        if (arguments.Count < 2 || !ReadingDepths.TryParse(arguments[0], out var depth, out _))
        {
            Console.Error.WriteLine("Usage: dotnet Vybe.Web.dll reading lite|standard|deep INPUT...   (e.g. reading deep 317 21:12)");
            return 2;
        }
        var writer = new BuiltInReadingWriter();
        foreach (var input in arguments.Skip(1))
        {
            ReadingSubject subject;
            string? error;
            if (input.Contains(':', StringComparison.Ordinal))
            {
                subject = TimeInput.TryParse(input, out var time, out error) ? time.ToSubject() : null!;
            }
            else
            {
                subject = NumberInput.TryParse(input, out var number, out error) ? number.ToSubject() : null!;
            }
            if (error is not null)
            {
                Console.Error.WriteLine($"{input}: {error}");
                return 2;
            }
            var reading = await writer.WriteAsync(NumerologyEngine.Read(subject), depth, CancellationToken.None);
            Console.WriteLine($"# {input}");
            foreach (var section in reading.Sections)
            {
                Console.WriteLine(section.Heading);
                Console.WriteLine(section.Body);
                foreach (var point in section.Points)
                {
                    Console.WriteLine("- " + point);
                }
            }
        }
        return 0;
    }
}
