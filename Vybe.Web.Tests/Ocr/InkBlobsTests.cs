using Vybe.Web.Ocr;

namespace Vybe.Web.Tests.Ocr;

public sealed class InkBlobsTests
{
    [Fact]
    public void Separate_bars_are_separate_blobs_with_their_boxes_and_areas()
    {
        var image = Draw(40, 30, (x, y) => (x is >= 2 and < 6 && y is >= 3 and < 23) || (x is >= 20 and < 35 && y is >= 10 and < 13));

        var blobs = InkBlobs.Find(image, minimumArea: 1, maximumCount: 10)!.OrderBy(blob => blob.Left).ToList();

        Assert.Equal(2, blobs.Count);
        Assert.Equal(new InkBlob(2, 3, 5, 22, 80, 4), blobs[0]);
        Assert.Equal(new InkBlob(20, 10, 34, 12, 45, 3), blobs[1]);
    }

    [Fact]
    public void Pixels_touching_at_a_corner_are_one_blob()
    {
        var image = Draw(10, 10, (x, y) => x == y);

        var blobs = InkBlobs.Find(image, minimumArea: 1, maximumCount: 10)!;

        Assert.Equal(10, Assert.Single(blobs).Area);
    }

    [Fact]
    public void Arms_that_meet_only_further_down_are_one_blob()
    {
        // A U: the two arms get different labels on the first rows and are joined at the bottom.
        var image = Draw(20, 20, (x, y) => x is 2 or 3 or 16 or 17 || (y >= 17 && x is >= 2 and < 18));

        var blobs = InkBlobs.Find(image, minimumArea: 1, maximumCount: 10)!;

        var u = Assert.Single(blobs);
        Assert.Equal((2, 0, 17, 19), (u.Left, u.Top, u.Right, u.Bottom));
    }

    [Fact]
    public void Stroke_of_a_whole_digit_is_its_segment_thickness()
    {
        // An 8 of 4-pixel strokes in a 24×40 box: the long runs through a, g and d do not count.
        var image = Draw(30, 46, (x, y) =>
        {
            var inBox = x is >= 3 and < 27 && y is >= 3 and < 43;
            var horizontal = y is >= 3 and < 7 or >= 21 and < 25 or >= 39 and < 43;
            var vertical = x is >= 3 and < 7 or >= 23 and < 27;
            return inBox && (horizontal || vertical);
        });

        var digit = Assert.Single(InkBlobs.Find(image, minimumArea: 1, maximumCount: 10)!);

        Assert.Equal(4, digit.Stroke);
        Assert.False(digit.IsDot);
    }

    [Fact]
    public void A_small_square_is_a_dot_and_a_bar_is_not()
    {
        var image = Draw(40, 20, (x, y) => (x is >= 2 and < 8 && y is >= 2 and < 8) || (x is >= 20 and < 24 && y is >= 2 and < 18));

        var blobs = InkBlobs.Find(image, minimumArea: 1, maximumCount: 10)!.OrderBy(blob => blob.Left).ToList();

        Assert.True(blobs[0].IsDot);
        Assert.False(blobs[1].IsDot);
    }

    [Fact]
    public void Specks_below_the_minimum_area_are_left_out_and_too_many_blobs_give_up()
    {
        var specks = Draw(40, 40, (x, y) => x % 4 == 0 && y % 4 == 0);

        Assert.Empty(InkBlobs.Find(specks, minimumArea: 2, maximumCount: 1000)!);
        Assert.Null(InkBlobs.Find(specks, minimumArea: 1, maximumCount: 50));
    }

    private static GrayImage Draw(int width, int height, Func<int, int, bool> isInk)
    {
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = isInk(x, y) ? ImageFilters.Ink : ImageFilters.Paper;
            }
        }
        return new GrayImage(width, height, pixels);
    }
}
