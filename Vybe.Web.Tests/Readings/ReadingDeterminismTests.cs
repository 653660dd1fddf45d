using Vybe.Web.Readings;
using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.Readings;

/// <summary>
/// The same input and depth give the same built-in text in another process: string hashes are
/// randomised per process in .NET, so a choice made by string.GetHashCode would show up here.
/// </summary>
public sealed class ReadingDeterminismTests
{
    private static readonly string[] Inputs =
        ["317", "1000004", "11:11", "09:55", "9:55 pm", "1221", "123456789012", "000", "7", "40794", "23:59"];

    private static Dictionary<string, string> NoDatabase() =>
        AppCommand.PostgresEnvironment(TestPostgres.ConnectionStringFor($"vybe_never_{Guid.NewGuid():N}"[..40]));

    [Theory]
    [InlineData("lite")]
    [InlineData("standard")]
    [InlineData("deep")]
    public async Task Two_processes_write_the_same_reading_as_this_one(string depth)
    {
        var first = await AppCommand.RunAsync(["reading", depth, .. Inputs, "--Logging:LogLevel:Default=Warning"], NoDatabase());
        var second = await AppCommand.RunAsync(["reading", depth, .. Inputs, "--Logging:LogLevel:Default=Warning"], NoDatabase());

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Equal(first.Output, second.Output);
        Assert.True(ReadingDepths.TryParse(depth, out var parsed, out _));
        foreach (var input in Inputs)
        {
            foreach (var body in await InThisProcessAsync(input, parsed))
            {
                Assert.Contains(body, first.Output, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Reading_command_without_a_depth_and_an_input_prints_its_usage_and_exits_2()
    {
        var result = await AppCommand.RunAsync(["reading", "deep"], NoDatabase());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Usage: dotnet Vybe.Web.dll reading", result.Output);
    }

    private static async Task<IEnumerable<string>> InThisProcessAsync(string input, ReadingDepth depth)
    {
        ReadingSubject subject = input.Contains(':', StringComparison.Ordinal)
            ? (TimeInput.TryParse(input, out var time, out _) ? time.ToSubject() : throw new ArgumentException(input))
            : (NumberInput.TryParse(input, out var number, out _) ? number.ToSubject() : throw new ArgumentException(input));
        var reading = await new BuiltInReadingWriter().WriteAsync(NumerologyEngine.Read(subject), depth, CancellationToken.None);
        return reading.Sections.Select(s => s.Body);
    }
}
