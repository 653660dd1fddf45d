using Vybe.Web.Tests.Infrastructure;

namespace Vybe.Web.Tests.Readings;

/// <summary>The log says at start-up which writer readings use; the key itself never appears.</summary>
public sealed class ReadingWriterStartupTests
{
    private static Dictionary<string, string> SqliteIn(string directory) => new()
    {
        ["Vybe__Database__Provider"] = "sqlite",
        ["Vybe__Database__DataDirectory"] = directory,
    };

    [Fact]
    public async Task Without_a_key_the_log_says_the_built_in_writer_is_active()
    {
        var data = Directory.CreateTempSubdirectory("vybe-writer-").FullName;
        try
        {
            var output = await AppCommand.StartUntilAsync("Vybe.Readings", SqliteIn(data));

            Assert.Contains("Reading writer: built-in", output);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task With_a_key_the_log_names_the_model_and_endpoint_and_not_the_key()
    {
        var data = Directory.CreateTempSubdirectory("vybe-writer-").FullName;
        try
        {
            var environment = SqliteIn(data);
            environment["OpenAI__ApiKey"] = FakeOpenAiServer.ApiKey;
            environment["OpenAI__Model"] = "gpt-test";
            environment["OpenAI__BaseUrl"] = "http://127.0.0.1:9/v1";

            var output = await AppCommand.StartUntilAsync("Vybe.Readings", environment);

            Assert.Contains("Reading writer: openai:gpt-test at http://127.0.0.1:9/v1", output);
            Assert.DoesNotContain(FakeOpenAiServer.ApiKey, output);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
