using System.Text.Json;
using OpenAI.Chat;

namespace Vybe.Web.Readings.OpenAi;

/// <summary>
/// What the OpenAI writer sends: the engine's facts and the meanings of its numbers, the depth and
/// the shape of the answer (a JSON schema, so the model answers in structured output). The model
/// writes prose only; every number comes from the facts.
/// </summary>
public static class ReadingPrompt
{
    private const string Instructions =
        "You write numerology readings for Vybe, a web app for people who keep seeing the same number. " +
        "Vybe's engine has already computed every number; you write the prose. Rules: " +
        "1. Never compute, change or invent numbers: state only numbers that appear in the facts you are given, and say the core number exactly as given. " +
        "2. Speak as the numerology traditions do ('traditions say', 'invites'), warm and specific, never certain about the future; no medical, legal or financial advice. " +
        "3. Speak of this input itself, not only of its core number: its digits and how often each appears, their order, the pairs and groups it is made of, its pattern class, any karmic or master number, and for a time the hour of day and what the minute repeats, using the facts and the digits' meanings given; two inputs with the same core number must not read alike. " +
        "4. Plain text only: no HTML, no Markdown, no emoji. " +
        "5. Answer with JSON in the given schema and nothing else.";

    private static readonly BinaryData Schema = BinaryData.FromString("""
        {
          "type": "object",
          "properties": {
            "sections": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "heading": { "type": "string" },
                  "body": { "type": "string" },
                  "points": { "type": "array", "items": { "type": "string" } }
                },
                "required": ["heading", "body", "points"],
                "additionalProperties": false
              }
            }
          },
          "required": ["sections"],
          "additionalProperties": false
        }
        """);

    public static IReadOnlyList<ChatMessage> Messages(NumerologyFacts facts, ReadingDepth depth) =>
    [
        new SystemChatMessage(Instructions),
        new UserChatMessage(Request("reading", depth, ReadingShape.For(depth, comparison: false), new
        {
            facts,
            digits = Digits(facts),
            time = facts.Time,
            meanings = Meanings(facts),
        })),
    ];

    public static IReadOnlyList<ChatMessage> Messages(ComparisonFacts comparison, ReadingDepth depth) =>
    [
        new SystemChatMessage(Instructions),
        new UserChatMessage(Request("comparison of two numbers", depth, ReadingShape.For(depth, comparison: true), new
        {
            comparison,
            meanings = new
            {
                first = Meanings(comparison.First),
                second = Meanings(comparison.Second),
                combined = Core(comparison.CombinedNumber),
            },
        })),
    ];

    public static ChatCompletionOptions Options(int maxOutputTokens) => new()
    {
        ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("vybe_reading", Schema, "A numerology reading in sections.", jsonSchemaIsStrict: true),
        MaxOutputTokenCount = maxOutputTokens,
        Temperature = 0.7f,
    };

    private static string Request(string what, ReadingDepth depth, ReadingShape shape, object content) =>
        $"Write a {depth.Key()} {what} ({depth.Description()}). Shape: {shape.Describe()}\n\n" +
        JsonSerializer.Serialize(content, ReadingJson.Options);

    /// <summary>What the digits are made of, with what each digit stands for.</summary>
    internal static object Digits(NumerologyFacts facts)
    {
        var profile = facts.Profile;
        return new
        {
            counts = profile.Counts.Select(c => new { c.Digit, c.Count, DigitVoices.For(c.Digit).Noun, DigitVoices.For(c.Digit).Gift }),
            profile.Order,
            profile.First,
            profile.Last,
            profile.Pairs,
            profile.Groups,
            profile.PatternClass,
        };
    }

    private static object Meanings(NumerologyFacts facts) => new
    {
        core = Core(facts.CoreNumber),
        master = facts.IsMasterNumber ? new { root = NumerologyEngine.Root(facts.CoreNumber), rootName = NumberMeanings.For(NumerologyEngine.Root(facts.CoreNumber)).Name } : null,
        karmic = facts.KarmicDebtNumbers.Select(debt => new { number = debt, meaning = BuiltInReadingWriter.KarmicMeaning(debt) }),
        angelNumber = NumberMeanings.Angel(facts.AngelNumber) is { } angel ? new { angel.Digits, angel.Name, angel.Keywords, angel.Message } : null,
    };

    private static object Core(int number)
    {
        var meaning = NumberMeanings.For(number);
        return new { meaning.Number, meaning.Name, meaning.Keywords, meaning.Essence, meaning.Themes, meaning.Shadow };
    }
}
