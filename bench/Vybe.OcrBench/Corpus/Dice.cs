using System.Globalization;
using SkiaSharp;

namespace Vybe.OcrBench.Corpus;

/// <summary>
/// The corpus's one source of chance: a seeded <see cref="Random"/> (whose seeded sequence .NET keeps
/// stable), so drawing the corpus again gives the same photos, byte for byte.
/// </summary>
#pragma warning disable CA5394 // Not for security: a reproducible corpus needs a seeded generator.
public sealed class Dice(int seed)
{
    private readonly Random random = new(seed);

    public int Between(int lowest, int highest) => random.Next(lowest, highest + 1);

    public float Between(float lowest, float highest) => lowest + ((highest - lowest) * (float)random.NextDouble());

    public bool Chance(double probability) => random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> choices) => choices[random.Next(choices.Count)];

    public string Digits(int count)
    {
        var digits = new char[count];
        for (var i = 0; i < count; i++)
        {
            digits[i] = (char)('0' + random.Next(10));
        }
        return new string(digits);
    }

    /// <summary>A colour near the given one, each channel moved by up to spread.</summary>
    public SKColor Near(SKColor color, int spread) => new(
        (byte)Math.Clamp(color.Red + Between(-spread, spread), 0, 255),
        (byte)Math.Clamp(color.Green + Between(-spread, spread), 0, 255),
        (byte)Math.Clamp(color.Blue + Between(-spread, spread), 0, 255));

    /// <summary>Gaussian noise (Box–Muller), for sensor grain.</summary>
    public double Gaussian()
    {
        var u = 1.0 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    /// <summary>A time of day as a 24-hour clock shows it, with its leading zero: "09:55".</summary>
    public (int Hour, int Minute) Time() => (Between(0, 23), Between(0, 59));

    public static string TwentyFourHour(int hour, int minute) =>
        string.Create(CultureInfo.InvariantCulture, $"{hour:00}:{minute:00}");

    /// <summary>The 12-hour face of a 24-hour time: (9, "9:55", "pm").</summary>
    public static (string Face, string Meridiem) TwelveHour(int hour, int minute)
    {
        var shown = hour % 12 == 0 ? 12 : hour % 12;
        return (string.Create(CultureInfo.InvariantCulture, $"{shown}:{minute:00}"), hour < 12 ? "am" : "pm");
    }
}
#pragma warning restore CA5394
