namespace Vybe.Web.Ocr;

/// <summary>
/// A seven-segment display found in a picture: what it reads (<see cref="SevenSegmentReader.Read"/>),
/// the box of the read row's digit cells, colon included, and the digits' height, both in the pixels
/// of the picture that was searched. Where the row is tilted, the box is upright around it.
/// </summary>
public sealed record SevenSegmentDisplay(string Text, PixelBox Box, double DigitHeight);
