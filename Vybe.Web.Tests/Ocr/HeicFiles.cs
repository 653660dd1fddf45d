using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;

namespace Vybe.Web.Tests.Ocr;

/// <summary>
/// Real HEIC files, encoded by libheif's own <c>heif-enc</c> (Debian's libheif-examples) from
/// pictures the tests draw, in a folder of their own that goes when the fixture does.
/// </summary>
public sealed class HeicEncoder : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("vybe-heic-");
    private int files;

    public byte[] Encode(byte[] png)
    {
        var number = Interlocked.Increment(ref files);
        var input = Path.Combine(folder.FullName, $"{number}.png");
        var output = Path.Combine(folder.FullName, $"{number}.heic");
        File.WriteAllBytes(input, png);
        var start = new ProcessStartInfo("heif-enc", ["-q", "80", input, "-o", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var encoder = Process.Start(start)
            ?? throw new InvalidOperationException("heif-enc did not start: install libheif-examples.");
        var errors = encoder.StandardError.ReadToEndAsync();
        encoder.StandardOutput.ReadToEnd();
        encoder.WaitForExit();
        if (encoder.ExitCode != 0)
        {
            throw new InvalidOperationException($"heif-enc failed ({encoder.ExitCode}): {errors.Result}");
        }
        return File.ReadAllBytes(output);
    }

    public void Dispose() => folder.Delete(recursive: true);
}

/// <summary>ISO BMFF boxes written by hand, for the headers no encoder writes: lying, huge, cut or looping.</summary>
public static class HeicBoxes
{
    public static byte[] Box(string type, params byte[][] content)
    {
        var length = 8 + content.Sum(c => c.Length);
        return [.. U32((uint)length), .. Encoding.ASCII.GetBytes(type), .. content.SelectMany(c => c)];
    }

    public static byte[] FullBox(string type, byte version, uint flags, params byte[][] content) =>
        Box(type, [[version, (byte)(flags >> 16), (byte)(flags >> 8), (byte)flags], .. content]);

    public static byte[] U16(int value) => [(byte)(value >> 8), (byte)value];

    public static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] Ftyp(string major = "heic", string compatible = "mif1heic") =>
        Box("ftyp", Encoding.ASCII.GetBytes(major), U32(0), Encoding.ASCII.GetBytes(compatible));

    public static byte[] Ispe(uint width, uint height) => FullBox("ispe", 0, 0, U32(width), U32(height));

    /// <summary>
    /// A whole HEIC header: item 1, an HEVC picture, is the primary; its properties are the given
    /// ones, numbered from 1 in order and all associated with it.
    /// </summary>
    public static byte[] Heic(params byte[][] properties) =>
        [.. Ftyp(), .. Meta(properties)];

    public static byte[] Meta(params byte[][] properties)
    {
        byte[] associations = [.. Enumerable.Range(1, properties.Length).Select(i => (byte)(0x80 | i))];
        return MetaWithIpma(FullBox("ipma", 0, 0, U32(1), U16(1), [(byte)properties.Length], associations), properties);
    }

    /// <summary>The meta box of <see cref="Heic"/>, with the given ipma.</summary>
    public static byte[] MetaWithIpma(byte[] ipma, params byte[][] properties) =>
        FullBox(
            "meta", 0, 0,
            FullBox("hdlr", 0, 0, U32(0), Encoding.ASCII.GetBytes("pict"), new byte[12], [0]),
            FullBox("pitm", 0, 0, U16(1)),
            FullBox("iinf", 0, 0, U16(1), FullBox("infe", 2, 0, U16(1), U16(0), Encoding.ASCII.GetBytes("hvc1"), [0])),
            Box("iprp", Box("ipco", properties), ipma));

    /// <summary>An hvcC whose one sequence parameter set (H.265 7.3.2.2) codes a picture of the given size.</summary>
    /// <param name="widthBeyond32Bits">Writes a width of 41 bits (40 zeros before its exp-Golomb code's first one), which no picture has.</param>
    public static byte[] HvcC(uint width, uint height, bool widthBeyond32Bits = false)
    {
        var bits = new BitWriter();
        bits.Write(0x4201, 16); // NAL header: type 33 (SPS)
        bits.Write(0, 4); // sps_video_parameter_set_id
        bits.Write(0, 3); // sps_max_sub_layers_minus1
        bits.Write(1, 1); // sps_temporal_id_nesting_flag
        // profile_tier_level: Main profile, its compatibility flag, progressive and frame-only, level 3.
        bits.Write(0x01, 8);
        bits.Write(0x6000_0000, 32);
        bits.Write(0x90, 8);
        bits.Write(0, 32);
        bits.Write(0, 8);
        bits.Write(90, 8);
        bits.WriteExpGolomb(0); // sps_seq_parameter_set_id
        bits.WriteExpGolomb(1); // chroma_format_idc 4:2:0
        if (widthBeyond32Bits)
        {
            bits.Write(0, 40);
            bits.Write(1, 1);
            bits.Write(0, 40);
        }
        else
        {
            bits.WriteExpGolomb(width);
        }
        bits.WriteExpGolomb(height);
        bits.Write(1, 1); // the rest of a real SPS is not read; a stop bit ends it
        var sps = EmulationPrevented(bits.ToArray());
        return Box("hvcC", [1, .. new byte[21]], [1], [0x80 | 33], U16(1), U16(sps.Length), sps);
    }

    /// <summary>00 00 followed by 00–03 gets an 03 between, as an encoder writes it.</summary>
    private static byte[] EmulationPrevented(byte[] payload)
    {
        var output = new List<byte>();
        var zeros = 0;
        foreach (var b in payload)
        {
            if (zeros >= 2 && b <= 3)
            {
                output.Add(3);
                zeros = 0;
            }
            output.Add(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return [.. output];
    }

    /// <summary>
    /// The file with its photo turned by irot, which heif-enc cannot write: the pixi property that
    /// heif-enc associates with the photo becomes an irot box of the same size, so no offset in the
    /// file moves. irot turns anticlockwise, in quarter turns.
    /// </summary>
    public static byte[] WithRotation(byte[] heic, int quarterTurnsAnticlockwise)
    {
        var turned = (byte[])heic.Clone();
        var pixi = Find(turned, "meta/iprp/ipco/pixi") - 8;
        var size = (int)BinaryPrimitives.ReadUInt32BigEndian(turned.AsSpan(pixi));
        "irot"u8.CopyTo(turned.AsSpan(pixi + 4));
        turned.AsSpan(pixi + 8, size - 8).Clear();
        turned[pixi + 8] = (byte)quarterTurnsAnticlockwise;
        return turned;
    }

    /// <summary>The offset of a box's content, found by its path from the top ("meta/iprp/ipco/ispe"); full boxes' version and flags are part of the content.</summary>
    public static int Find(byte[] file, string path)
    {
        var (start, end) = (0, file.Length);
        foreach (var type in path.Split('/'))
        {
            var found = -1;
            for (var at = start; at + 8 <= end;)
            {
                var size = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at));
                if (Encoding.ASCII.GetString(file, at + 4, 4) == type)
                {
                    found = at + 8;
                    end = at + size;
                    break;
                }
                at += size;
            }
            if (found < 0)
            {
                throw new InvalidOperationException($"No {type} box in {path}.");
            }
            // meta is a full box: its children start after its version and flags.
            start = type == "meta" ? found + 4 : found;
        }
        return start;
    }

    private sealed class BitWriter
    {
        private readonly List<byte> bytes = [];
        private int current;
        private int used;

        public void Write(ulong value, int count)
        {
            for (var i = count - 1; i >= 0; i--)
            {
                current = (current << 1) | (int)((value >> i) & 1);
                if (++used == 8)
                {
                    bytes.Add((byte)current);
                    (current, used) = (0, 0);
                }
            }
        }

        public void WriteExpGolomb(uint value)
        {
            var coded = (ulong)value + 1;
            var length = 64 - ulong.LeadingZeroCount(coded);
            Write(0, (int)length - 1);
            Write(coded, (int)length);
        }

        public byte[] ToArray()
        {
            while (used != 0)
            {
                Write(0, 1);
            }
            return [.. bytes];
        }
    }
}
