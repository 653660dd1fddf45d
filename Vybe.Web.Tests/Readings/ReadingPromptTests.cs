using Vybe.Web.Readings;
using Vybe.Web.Readings.OpenAi;

namespace Vybe.Web.Tests.Readings;

/// <summary>What the OpenAI writer tells the model about one input, and which of those numbers its answer may then state.</summary>
public sealed class ReadingPromptTests
{
    private static NumerologyFacts Facts(string input)
    {
        if (input.Contains(':', StringComparison.Ordinal))
        {
            Assert.True(TimeInput.TryParse(input, out var time, out var error), error);
            return NumerologyEngine.Read(time.ToSubject());
        }
        Assert.True(NumberInput.TryParse(input, out var number, out var numberError), numberError);
        return NumerologyEngine.Read(number.ToSubject());
    }

    private static string Prompt(string input, ReadingDepth depth = ReadingDepth.Deep) =>
        string.Join("\n", ReadingPrompt.Messages(Facts(input), depth).SelectMany(m => m.Content).Select(part => part.Text));

    [Fact]
    public void The_prompt_carries_the_digits_their_counts_order_pairs_and_pattern_class()
    {
        var prompt = Prompt("317");

        Assert.Contains("\"counts\":[{\"digit\":3,\"count\":1,\"noun\":\"expression\"", prompt);
        Assert.Contains("\"order\":\"fallingThenRising\"", prompt);
        Assert.Contains("\"pairs\":[\"31\",\"17\"]", prompt);
        Assert.Contains("\"patternClass\":\"mixed\"", prompt);
        Assert.Contains("\"master\":{\"root\":2", prompt);
        Assert.Contains("Speak of this input itself", prompt);
    }

    [Fact]
    public void The_prompt_of_a_time_carries_its_hour_of_day_and_what_the_minute_repeats()
    {
        var prompt = Prompt("9:55 pm");

        Assert.Contains("\"time\":{\"hour\":21,\"partOfDay\":\"lateNight\",\"minuteEcho\":\"ownDigit\"}", prompt);
    }

    [Fact]
    public void The_prompt_carries_the_karmic_number_s_own_meaning()
    {
        var prompt = Prompt("09:55");

        Assert.Contains("\"karmic\":[{\"number\":19,\"meaning\":\"Traditions link 19 with independence", prompt);
    }

    [Fact]
    public void The_prompt_of_an_angel_number_carries_its_name_keywords_and_message()
    {
        var prompt = Prompt("1221");

        Assert.Contains("The Mirror of Two", prompt);
        Assert.Contains("\"keywords\":[\"reflection\",\"relationship\",\"balance\"]", prompt);
    }

    [Theory]
    [InlineData("317", "Taken in pairs, 317 reads 31 and 17, and 3 + 1 + 7 = 11.", true)]
    [InlineData("317", "Its pairs are 31 and 32.", false)]
    [InlineData("100400729004", "In threes it reads 100, 400, 729 and 004.", true)]
    [InlineData("9:55 pm", "At 21 hours, late at night, the 55 repeats its 5.", true)]
    [InlineData("9:55 pm", "At 23 hours it is late.", false)]
    public void An_answer_may_name_the_input_s_pairs_groups_and_hour_of_day_but_no_other_number(string input, string body, bool accepted)
    {
        var claims = NumberClaims.For(Facts(input));

        Assert.Equal(accepted, claims.Allows(body, out var wrong));
        Assert.Equal(accepted, wrong.Length == 0);
    }
}
