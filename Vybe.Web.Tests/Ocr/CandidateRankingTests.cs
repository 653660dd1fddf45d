using Vybe.Web.Ocr;
using Vybe.Web.Readings;

namespace Vybe.Web.Tests.Ocr;

public sealed class CandidateRankingTests
{
    private static ReadingCandidate Number(string digits, PixelBox? box = null, double height = 0)
    {
        Assert.True(NumberInput.TryParse(digits, out var number, out _));
        return new ReadingCandidate(number.Digits, ReadingKind.Number, number.ToSubject(), box is { } at ? new CandidatePlace(at, height) : null);
    }

    private static ReadingCandidate Time(string text, PixelBox? box = null, double height = 0)
    {
        Assert.True(TimeInput.TryParse(text, out var time, out _));
        return new ReadingCandidate(text, ReadingKind.Time, time.ToSubject(), box is { } at ? new CandidatePlace(at, height) : null);
    }

    private static IReadOnlyList<string> Ranked(params ReadingCandidate[] candidates) =>
        CandidateRanking.Rank(candidates).Select(c => c.Text).ToList();

    [Fact]
    public void The_tallest_digits_come_first_whatever_their_position()
    {
        Assert.Equal(["10:10", "17"], Ranked(
            Number("17", new PixelBox(200, 100, 40, 30), 30),
            Time("10:10", new PixelBox(100, 300, 400, 150), 150)));
    }

    [Fact]
    public void Digits_of_about_the_same_size_come_top_to_bottom_then_left_to_right()
    {
        // 24 and 22 px are the same size (within 15 %); the line of 18 and 26 comes before the line of 444.
        Assert.Equal(["18", "26", "444"], Ranked(
            Number("444", new PixelBox(300, 300, 60, 24), 24),
            Number("26", new PixelBox(300, 110, 40, 22), 22),
            Number("18", new PixelBox(30, 100, 40, 22), 22)));
    }

    [Fact]
    public void A_receipt_total_a_size_larger_outranks_the_prices_above_it()
    {
        Assert.Equal(["444", "18", "26"], Ranked(
            Number("18", new PixelBox(400, 120, 60, 22), 22),
            Number("26", new PixelBox(400, 160, 60, 22), 22),
            Number("444", new PixelBox(380, 300, 100, 34), 34)));
    }

    [Fact]
    public void Candidates_without_a_place_follow_those_with_one_in_their_own_order()
    {
        Assert.Equal(["444", "99", "12"], Ranked(Number("99"), Number("444", new PixelBox(0, 0, 50, 20), 20), Number("12")));
    }

    [Fact]
    public void A_text_seen_by_two_passes_is_offered_once_at_the_place_the_first_gave_it()
    {
        // A single-line pass over a two-line picture draws its glyph boxes across both lines; the layout pass comes first.
        var ranked = CandidateRanking.Rank([
            Number("12", new PixelBox(140, 47, 30, 22), 22),
            Number("444", new PixelBox(140, 95, 50, 22), 22),
            Number("444", new PixelBox(140, 47, 50, 70), 70),
        ]);

        Assert.Equal(["12", "444"], ranked.Select(c => c.Text));
        Assert.Equal(22, ranked[1].Place!.GlyphHeight);
        Assert.Null(CandidateRanking.AutomaticChoice(ranked));
    }

    [Fact]
    public void Two_readings_that_agree_are_as_sure_as_the_surer_of_them()
    {
        var ranked = CandidateRanking.Rank([
            new ReadingCandidate("11:11", ReadingKind.Time, Subject("11:11"), new CandidatePlace(new PixelBox(10, 10, 300, 100), 100, 30)),
            new ReadingCandidate("11:11", ReadingKind.Time, Subject("11:11"), new CandidatePlace(new PixelBox(12, 10, 300, 96), 96, 91)),
        ]);

        Assert.Equal(new CandidatePlace(new PixelBox(10, 10, 300, 100), 100, 91), Assert.Single(ranked).Place);
    }

    private static ReadingSubject Subject(string time)
    {
        Assert.True(TimeInput.TryParse(time, out var parsed, out _));
        return parsed.ToSubject();
    }

    [Fact]
    public void One_time_read_with_and_without_its_leading_zero_is_offered_once_with_it()
    {
        var merged = CandidateRanking.Rank([Time("9:55", new PixelBox(10, 10, 200, 60), 60), Time("09:55", new PixelBox(5, 10, 240, 58), 58)]);
        Assert.Equal(["09:55"], merged.Select(c => c.Text));
        Assert.Equal(60, merged[0].Place!.GlyphHeight);
        Assert.Equal(["09:55"], Ranked(Time("09:55"), Time("9:55", new PixelBox(5, 10, 240, 58), 58)));
        Assert.Equal(["9:55 pm", "09:55"], Ranked(Time("9:55 pm", new PixelBox(10, 10, 200, 60), 60), Time("09:55", new PixelBox(10, 200, 200, 60), 60)));
    }

    [Fact]
    public void A_number_made_of_a_time_s_digits_where_the_time_stands_is_not_offered()
    {
        var clock = new PixelBox(100, 100, 400, 120);
        Assert.Equal(["09:55"], Ranked(Time("09:55", clock, 120), Number("55", new PixelBox(380, 100, 120, 120), 120)));
        Assert.Equal(["11:11"], Ranked(Time("11:11", clock, 120), Number("1111", new PixelBox(98, 101, 404, 118), 118)));
        // Elsewhere in the picture the same digits are a number of their own.
        Assert.Equal(["11:11", "55"], Ranked(Time("11:11", clock, 120), Number("55", new PixelBox(100, 400, 60, 30), 30)));
        Assert.Equal(["11:11", "55"], Ranked(Time("11:11", clock, 120), Number("55", new PixelBox(200, 130, 60, 30), 30)));
        // Without places: all of the time's digits, with or without its leading zero.
        Assert.Equal(["09:55"], Ranked(Time("09:55"), Number("0955")));
        Assert.Equal(["09:55"], Ranked(Time("09:55"), Number("955")));
        Assert.Equal(["09:55", "55"], Ranked(Time("09:55"), Number("55")));
    }

    [Fact]
    public void The_only_candidate_is_read_without_asking()
    {
        Assert.Equal("444", CandidateRanking.AutomaticChoice([Number("444")])?.Text);
        Assert.Null(CandidateRanking.AutomaticChoice([]));
    }

    [Theory]
    [InlineData(150, 30, true)]
    [InlineData(60, 30, true)]
    [InlineData(59, 30, false)]
    [InlineData(34, 22, false)]
    [InlineData(30, 30, false)]
    public void The_first_is_read_without_asking_when_its_digits_stand_at_least_twice_as_tall_as_every_other(double first, double other, bool automatic)
    {
        var ranked = CandidateRanking.Rank([
            Time("10:10", new PixelBox(0, 300, 400, (int)first), first),
            Number("17", new PixelBox(0, 100, 40, (int)other), other),
            Number("2026", new PixelBox(100, 100, 80, (int)(other * 0.9)), other * 0.9),
        ]);

        Assert.Equal(automatic ? "10:10" : null, CandidateRanking.AutomaticChoice(ranked)?.Text);
    }

    [Fact]
    public void Nothing_is_read_without_asking_when_taller_legible_text_stands_in_the_photo()
    {
        // A lock screen whose clock Tesseract read as letters: "57m ago" in the notification is not what was photographed.
        Assert.Null(CandidateRanking.AutomaticChoice([Number("57", new PixelBox(0, 500, 40, 15), 15)], tallestTextHeight: 140));
        Assert.Null(CandidateRanking.AutomaticChoice([Number("57")], tallestTextHeight: 140));
        // Taller text that does not dominate the candidate (a plate's letters, whose boxes take in its border) leaves it alone.
        Assert.Equal("10:10", CandidateRanking.AutomaticChoice([Time("10:10", new PixelBox(0, 300, 400, 140), 140)], tallestTextHeight: 140)?.Text);
        Assert.Equal("1212", CandidateRanking.AutomaticChoice([Number("1212", new PixelBox(0, 300, 400, 71), 71)], tallestTextHeight: 141)?.Text);
        Assert.Null(CandidateRanking.AutomaticChoice([Number("1212", new PixelBox(0, 300, 400, 70), 70)], tallestTextHeight: 140));
        // Unknown (no words with boxes): the candidate rules alone decide.
        Assert.Equal("57", CandidateRanking.AutomaticChoice([Number("57")], tallestTextHeight: 0)?.Text);
    }

    [Theory]
    [InlineData(95, true)]
    [InlineData(80, true)]
    [InlineData(79.9f, false)]
    [InlineData(40, false)]
    public void A_candidate_read_with_little_confidence_is_offered_but_not_read_without_asking(float confidence, bool automatic)
    {
        var halfRead = new ReadingCandidate("442", ReadingKind.Number, new ReadingSubject("442", "442", null), new CandidatePlace(new PixelBox(0, 0, 300, 100), 100, confidence));

        Assert.Equal(automatic ? "442" : null, CandidateRanking.AutomaticChoice([halfRead])?.Text);
        Assert.Equal(automatic ? "442" : null, CandidateRanking.AutomaticChoice([halfRead, Number("17", new PixelBox(0, 200, 40, 20), 20)])?.Text);
    }

    [Fact]
    public void Several_candidates_without_places_are_left_to_the_person()
    {
        Assert.Null(CandidateRanking.AutomaticChoice(CandidateRanking.Rank([Number("444"), Number("12")])));
        Assert.Null(CandidateRanking.AutomaticChoice(CandidateRanking.Rank([Number("444", new PixelBox(0, 0, 90, 90), 90), Number("12")])));
    }
}
