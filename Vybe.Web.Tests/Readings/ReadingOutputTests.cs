using System.Text.Json;
using Vybe.Web.Readings;

namespace Vybe.Web.Tests.Readings;

/// <summary>How a model's answer is checked before anyone sees it.</summary>
public sealed class ReadingOutputTests
{
    private static NumerologyFacts Facts(string time)
    {
        Assert.True(TimeInput.TryParse(time, out var parsed, out _));
        return NumerologyEngine.Read(parsed.ToSubject());
    }

    private static string Answer(params (string Heading, string Body, string[] Points)[] sections) =>
        JsonSerializer.Serialize(new { sections = sections.Select(s => new { heading = s.Heading, body = s.Body, points = s.Points }) });

    private static bool Check(string json, ReadingDepth depth, NumerologyFacts facts, out string problem) =>
        ReadingOutput.TryParse(json, ReadingShape.For(depth, comparison: false), NumberClaims.For(facts), out _, out problem);

    [Theory]
    [InlineData("09:55 reduces to 1 through 19 and 10; 0955 and 955 are the same digits.")]
    [InlineData("The core number 1 follows 0 + 9 + 5 + 5 = 19, a karmic debt like 13, 14 and 16.")]
    [InlineData("Master numbers 11, 22 and 33 are not here; the 5 appears twice.")]
    public void Prose_that_states_only_the_engines_numbers_is_accepted(string body)
    {
        Assert.True(Check(Answer(("", body, [])), ReadingDepth.Lite, Facts("09:55"), out var problem), problem);
    }

    [Theory]
    [InlineData("09:55 reduces to 7, the Seeker.", "reduces to 7")]
    [InlineData("Its core number is 3.", "core number is 3")]
    [InlineData("Traditions say it is lucky in 2027.", "2027")]
    [InlineData("It adds up to 20.", "20")]
    public void Prose_that_states_other_numbers_is_refused(string body, string named)
    {
        Assert.False(Check(Answer(("", body, [])), ReadingDepth.Lite, Facts("09:55"), out var problem));
        Assert.Contains(named, problem);
    }

    [Fact]
    public void A_deep_answer_needs_the_five_headings_in_order_and_three_questions()
    {
        var facts = Facts("11:11");
        (string, string, string[]) Part(string heading, params string[] points) => (heading, "1111 reduces to 4, the Builder.", points);
        var good = Answer(Part("The numbers"), Part("The pattern"), Part("Themes"), Part("Guidance"), Part("Questions for reflection", "One?", "Two?", "Three?"));
        var swapped = Answer(Part("The pattern"), Part("The numbers"), Part("Themes"), Part("Guidance"), Part("Questions for reflection", "One?", "Two?", "Three?"));
        var twoQuestions = Answer(Part("The numbers"), Part("The pattern"), Part("Themes"), Part("Guidance"), Part("Questions for reflection", "One?", "Two?"));

        Assert.True(Check(good, ReadingDepth.Deep, facts, out var problem), problem);
        Assert.False(Check(swapped, ReadingDepth.Deep, facts, out problem));
        Assert.Contains("expected 'The numbers'", problem);
        Assert.False(Check(twoQuestions, ReadingDepth.Deep, facts, out problem));
        Assert.Contains("point", problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"sections\": {}}")]
    [InlineData("{\"sections\": [{\"heading\": 1, \"body\": \"x\"}]}")]
    [InlineData("{\"sections\": [{\"heading\": \"\", \"body\": \"1111 reduces to 4.\", \"points\": \"no\"}]}")]
    public void Malformed_answers_are_refused_with_a_reason(string json)
    {
        Assert.False(Check(json, ReadingDepth.Lite, Facts("11:11"), out var problem));
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }

    [Fact]
    public void Lite_refuses_more_than_two_sentences()
    {
        var body = "1111 reduces to 4. Four builds. Four lasts.";

        Assert.False(Check(Answer(("", body, [])), ReadingDepth.Lite, Facts("11:11"), out var problem));
        Assert.Contains("sentences", problem);
    }
}
