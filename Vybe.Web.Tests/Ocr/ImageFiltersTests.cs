using Vybe.TestSupport.Photos;
using Vybe.Web.Ocr;

namespace Vybe.Web.Tests.Ocr;

public sealed class ImageFiltersTests
{
    [Fact]
    public void Otsu_threshold_falls_between_the_two_modes_of_a_bimodal_image()
    {
        var random = new Random(3);
        var image = Draw(200, 100, (x, _) => (byte)((x < 120 ? 50 : 190) + random.Next(-15, 16)));

        var threshold = ImageFilters.OtsuThreshold(image);

        Assert.InRange(threshold, 66, 174);
    }

    [Fact]
    public void Otsu_threshold_of_two_clean_levels_lies_halfway_between_them()
    {
        var image = Draw(10, 10, (x, _) => x < 5 ? (byte)40 : (byte)200);

        Assert.InRange(ImageFilters.OtsuThreshold(image), 119, 120);
    }

    [Fact]
    public void Otsu_threshold_of_a_flat_image_marks_nothing_as_dark()
    {
        var image = GrayImage.Blank(8, 8, 128);

        var binary = ImageFilters.Binarize(image, ImageFilters.OtsuThreshold(image));

        Assert.All(binary.Pixels, pixel => Assert.Equal(ImageFilters.Paper, pixel));
    }

    [Fact]
    public void Otsu_threshold_within_a_range_splits_the_lighter_class_of_a_three_level_image()
    {
        // Wall 250, display face 200, digits 120, clock body 20: within the light class the
        // digits separate from the face.
        var image = Draw(100, 40, (x, _) => x switch { < 25 => 20, < 50 => 120, < 75 => 200, _ => 250 });

        var threshold = ImageFilters.OtsuThreshold(image, 100, 255);

        Assert.InRange(threshold, 120, 199);
    }

    [Fact]
    public void Binarize_makes_dark_pixels_ink_and_the_rest_paper()
    {
        var image = new GrayImage(4, 1, [0, 100, 101, 255]);

        var binary = ImageFilters.Binarize(image, 100);

        Assert.Equal([ImageFilters.Ink, ImageFilters.Ink, ImageFilters.Paper, ImageFilters.Paper], binary.Pixels);
    }

    [Fact]
    public void Adaptive_binarize_finds_dark_strokes_under_a_strong_light_gradient()
    {
        // A stroke at x = 30..33 on a background that brightens from 40 to 240 left to right;
        // the stroke is 30 levels darker than its surroundings everywhere.
        var image = Draw(200, 50, (x, _) =>
        {
            var background = 40 + x;
            return (byte)(x is >= 30 and < 34 or >= 160 and < 164 ? background - 30 : background);
        });

        var binary = ImageFilters.BinarizeAdaptive(image, 8, 10);

        Assert.Equal(ImageFilters.Ink, binary[31, 25]);
        Assert.Equal(ImageFilters.Ink, binary[161, 25]);
        Assert.Equal(ImageFilters.Paper, binary[100, 25]);
    }

    [Fact]
    public void Invert_turns_black_white_and_white_black()
    {
        var inverted = ImageFilters.Invert(new GrayImage(3, 1, [0, 100, 255]));

        Assert.Equal([255, 155, 0], inverted.Pixels);
    }

    [Fact]
    public void Light_digits_on_a_dark_led_face_are_light_on_dark()
    {
        var face = GrayPictures.DrawGray(new ClockFace("12:34") { DigitHeight = 60, Foreground = ClockColours.RedLed });

        Assert.True(ImageFilters.IsLightOnDark(face));
    }

    [Fact]
    public void Dark_digits_on_an_lcd_face_are_not_light_on_dark()
    {
        var face = GrayPictures.DrawGray(new ClockFace("12:34") { DigitHeight = 60, Foreground = ClockColours.LcdSegment, Background = ClockColours.LcdFace });

        Assert.False(ImageFilters.IsLightOnDark(face));
    }

    [Fact]
    public void Polarity_of_plain_text_is_dark_on_light_and_of_its_negative_light_on_dark()
    {
        var text = GrayPictures.DrawText("Hello", 48);

        Assert.False(ImageFilters.IsLightOnDark(text));
        Assert.True(ImageFilters.IsLightOnDark(ImageFilters.Invert(text)));
    }

    [Theory]
    [InlineData(0.5, 100, 50)]
    [InlineData(1.5, 300, 150)]
    [InlineData(0.1, 20, 10)]
    [InlineData(0.001, 1, 1)]
    [InlineData(2.0, 400, 200)]
    public void Scale_gives_the_rounded_dimensions(double factor, int expectedWidth, int expectedHeight)
    {
        var scaled = ImageFilters.Scale(GrayImage.Blank(200, 100), factor);

        Assert.Equal((expectedWidth, expectedHeight), (scaled.Width, scaled.Height));
    }

    [Fact]
    public void Scale_keeps_flat_areas_flat_and_edges_in_place()
    {
        var image = Draw(100, 20, (x, _) => x < 50 ? (byte)0 : (byte)255);

        var scaled = ImageFilters.Scale(image, 3);

        Assert.Equal(0, scaled[10, 30]);
        Assert.Equal(255, scaled[290, 30]);
        Assert.True(scaled[147, 30] < 20 && scaled[152, 30] > 235, "the edge stays at x = 150");
    }

    [Fact]
    public void Scale_rejects_a_factor_that_is_not_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFilters.Scale(GrayImage.Blank(4, 4), 0));
    }

    [Fact]
    public void Stretch_contrast_maps_the_percentiles_to_black_and_white()
    {
        var image = Draw(100, 10, (x, _) => (byte)(100 + (x / 2)));

        var stretched = ImageFilters.StretchContrast(image, 0.0, 1.0);

        Assert.Equal(0, stretched.Pixels.Min());
        Assert.Equal(255, stretched.Pixels.Max());
        Assert.True(stretched[50, 5] is > 110 and < 145);
    }

    [Fact]
    public void Stretch_contrast_ignores_a_few_specular_highlights()
    {
        var image = Draw(100, 100, (x, y) => x == 0 && y < 5 ? (byte)255 : (byte)(60 + (x % 40)));

        var stretched = ImageFilters.StretchContrast(image);

        Assert.Equal(255, stretched[39, 50]);
    }

    [Fact]
    public void Gaussian_blur_keeps_a_flat_image_and_softens_a_single_dot()
    {
        var flat = ImageFilters.GaussianBlur3x3(GrayImage.Blank(5, 5, 90));
        var dot = Draw(5, 5, (x, y) => x == 2 && y == 2 ? (byte)0 : (byte)255);

        var blurred = ImageFilters.GaussianBlur3x3(dot);

        Assert.All(flat.Pixels, pixel => Assert.Equal(90, pixel));
        Assert.Equal(191, blurred[2, 2]);
        Assert.Equal(223, blurred[1, 2]);
        Assert.Equal(239, blurred[1, 1]);
    }

    [Fact]
    public void Box_blur_averages_the_square_around_each_pixel()
    {
        var image = Draw(9, 9, (x, _) => x < 4 ? (byte)0 : x == 4 ? (byte)90 : (byte)180);

        var blurred = ImageFilters.BoxBlur(image, 1);

        Assert.Equal(30, blurred[3, 4]);
        Assert.Equal(90, blurred[4, 4]);
        Assert.Equal(150, blurred[5, 4]);
        Assert.Equal(0, blurred[0, 0]);
    }

    [Fact]
    public void Crop_copies_the_rectangle_and_fills_what_lies_outside()
    {
        var image = Draw(4, 4, (x, y) => (byte)((y * 4) + x));

        var cropped = ImageFilters.Crop(image, 2, 2, 3, 3, fill: 99);

        Assert.Equal([10, 11, 99, 14, 15, 99, 99, 99, 99], cropped.Pixels);
    }

    [Fact]
    public void Extract_region_at_ninety_degrees_turns_a_horizontal_bar_vertical()
    {
        var image = Draw(41, 41, (x, y) => y is >= 19 and <= 21 && x is >= 5 and <= 35 ? ImageFilters.Ink : ImageFilters.Paper);

        // The whole picture about its centre, its x axis at -90° to the source's: turned 90° clockwise.
        var rotated = ImageFilters.ExtractRegion(image, image.Width / 2.0, image.Height / 2.0, -90, image.Width, image.Height, scale: 1);

        Assert.True(rotated[20, 8] < 64 && rotated[20, 32] < 64, "the bar now runs top to bottom");
        Assert.True(rotated[8, 20] > 192 && rotated[32, 20] > 192, "and no longer left to right");
    }

    [Fact]
    public void Shear_stands_a_leaning_bar_upright()
    {
        // A bar leaning 10° to the right (tops to the right) around the middle row.
        var lean = Math.Tan(10 * Math.PI / 180);
        var image = Draw(60, 61, (x, y) => Math.Abs(x - (30 + (lean * (30 - y)))) < 2.5 ? ImageFilters.Ink : ImageFilters.Paper);

        var upright = ImageFilters.Binarize(ImageFilters.ShearHorizontal(image, -10), 127);

        Assert.Equal(ImageFilters.Ink, upright[30, 2]);
        Assert.Equal(ImageFilters.Ink, upright[30, 58]);
        Assert.Equal(ImageFilters.Paper, upright[35, 2]);
        Assert.Equal(ImageFilters.Paper, upright[25, 58]);
    }

    [Fact]
    public void Extract_region_magnifies_the_part_around_a_centre()
    {
        var image = Draw(100, 100, (x, y) => x is >= 40 and < 60 && y is >= 45 and < 55 ? (byte)0 : (byte)255);

        var region = ImageFilters.ExtractRegion(image, 50, 50, 0, 80, 40, scale: 2);

        // The 20×10 rectangle at the centre now covers x 20..59 and y 10..29 of the region.
        Assert.Equal(0, region[40, 20]);
        Assert.Equal(0, region[21, 11]);
        Assert.Equal(255, region[40, 5]);
        Assert.Equal(255, region[10, 20]);
    }

    [Fact]
    public void Filters_leave_their_input_untouched()
    {
        var image = Draw(30, 20, (x, y) => (byte)((x * 7) + (y * 3)));
        var before = (byte[])image.Pixels.Clone();

        _ = ImageFilters.Binarize(image, 100);
        _ = ImageFilters.Invert(image);
        _ = ImageFilters.StretchContrast(image);
        _ = ImageFilters.Scale(image, 0.3);
        _ = ImageFilters.GaussianBlur3x3(image);
        _ = ImageFilters.BoxBlur(image, 3);
        _ = ImageFilters.ShearHorizontal(image, 8);

        Assert.Equal(before, image.Pixels);
    }

    private static GrayImage Draw(int width, int height, Func<int, int, byte> pixelAt)
    {
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = pixelAt(x, y);
            }
        }
        return new GrayImage(width, height, pixels);
    }
}
