using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Chat;
using Polly;

namespace Vybe.Web.Readings.OpenAi;

/// <summary>
/// Writes readings with an OpenAI (or OpenAI-compatible) chat model, through <see cref="OpenAiResilience"/>.
/// Throws on any failure; <see cref="FallbackReadingWriter"/> turns that into the built-in reading and a log row.
/// </summary>
public sealed class OpenAiReadingWriter : IReadingWriter
{
    public const string NamePrefix = "openai:";

    private readonly OpenAiOptions settings;
    private readonly ChatClient? client;
    private readonly ResiliencePipeline pipeline;

    public OpenAiReadingWriter(IOptions<OpenAiOptions> options, TimeProvider clock, ILogger<OpenAiReadingWriter> logger)
    {
        settings = options.Value;
        pipeline = OpenAiResilience.Build(settings, clock, logger);
        if (settings.HasApiKey)
        {
            var clientOptions = new OpenAIClientOptions
            {
                // Polly is the only retry layer; with the SDK's own retries too, attempts would multiply.
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                // Polly's timeouts act first; this only guards against a hung socket.
                NetworkTimeout = settings.TotalTimeout + TimeSpan.FromSeconds(5),
            };
            if (!string.IsNullOrWhiteSpace(settings.BaseUrl))
            {
                clientOptions.Endpoint = new Uri(settings.BaseUrl);
            }
            client = new ChatClient(settings.Model, new ApiKeyCredential(settings.ApiKey!), clientOptions);
        }
    }

    public string Name => NamePrefix + settings.Model;

    /// <summary>Error text can echo the key (OpenAI's 401 message quotes part of it); it never reaches a log row.</summary>
    public string Redact(string text) =>
        settings.HasApiKey ? text.Replace(settings.ApiKey!, "[redacted]", StringComparison.Ordinal) : text;

    /// <summary>Where the calls go, for the start-up log line (never the key).</summary>
    public string Endpoint => string.IsNullOrWhiteSpace(settings.BaseUrl) ? "https://api.openai.com/v1" : settings.BaseUrl;

    public Task<WrittenReading> WriteAsync(NumerologyFacts facts, ReadingDepth depth, CancellationToken cancellationToken) =>
        CompleteAsync(ReadingPrompt.Messages(facts, depth), ReadingShape.For(depth, comparison: false), NumberClaims.For(facts), cancellationToken);

    public Task<WrittenReading> WriteComparisonAsync(ComparisonFacts comparison, ReadingDepth depth, CancellationToken cancellationToken) =>
        CompleteAsync(ReadingPrompt.Messages(comparison, depth), ReadingShape.For(depth, comparison: true), NumberClaims.For(comparison), cancellationToken);

    private async Task<WrittenReading> CompleteAsync(IReadOnlyList<ChatMessage> messages, ReadingShape shape, NumberClaims claims, CancellationToken cancellationToken)
    {
        if (client is null)
        {
            throw new ReadingWriterException(ReadingWriterCodes.MissingApiKey,
                "The OpenAI writer is selected but OpenAI:ApiKey is empty; set OpenAI__ApiKey in the environment.");
        }

        var options = ReadingPrompt.Options(settings.MaxOutputTokens);
        var completion = await pipeline.ExecuteAsync(
            async token => (await client.CompleteChatAsync(messages, options, token)).Value, cancellationToken);

        var text = completion.Content.Count > 0 ? completion.Content[0].Text : null;
        if (!ReadingOutput.TryParse(text, shape, claims, out var sections, out var problem))
        {
            throw new ReadingWriterException(ReadingWriterCodes.InvalidOutput, $"The model's answer was not a usable reading: {problem}.");
        }
        return new WrittenReading(Name, sections);
    }
}
