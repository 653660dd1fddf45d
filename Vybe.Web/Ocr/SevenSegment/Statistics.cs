namespace Vybe.Web.Ocr.SevenSegment;

internal static class Statistics
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static double SumOfSquares(int[] counts)
    {
        var sum = 0.0;
        foreach (var count in counts)
        {
            sum += (double)count * count;
        }
        return sum;
    }
}
