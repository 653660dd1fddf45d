using System.Buffers.Binary;

namespace Vybe.Web.Ocr.Heif;

/// <summary>What the next step of a box walk found.</summary>
internal enum BoxStep
{
    Box,
    End,
    CutOff,
    Damaged,
}

/// <summary>
/// Walks the boxes in a span: each a 32-bit size (1: a 64-bit size follows; 0: to the end) and a
/// type. A box running past the end is the file cut off at the top level, and damage inside a box
/// whose own size was whole.
/// </summary>
internal ref struct Boxes(ReadOnlySpan<byte> content, bool topLevel)
{
    private ReadOnlySpan<byte> rest = content;

    public BoxStep Next(out uint type, out ReadOnlySpan<byte> body)
    {
        type = 0;
        body = default;
        if (rest.IsEmpty)
        {
            return BoxStep.End;
        }
        var incomplete = topLevel ? BoxStep.CutOff : BoxStep.Damaged;
        if (rest.Length < 8)
        {
            return incomplete;
        }

        ulong size = BinaryPrimitives.ReadUInt32BigEndian(rest);
        type = BinaryPrimitives.ReadUInt32BigEndian(rest[4..]);
        var header = 8;
        if (size == 1)
        {
            if (rest.Length < 16)
            {
                return incomplete;
            }
            size = BinaryPrimitives.ReadUInt64BigEndian(rest[8..]);
            header = 16;
        }
        else if (size == 0)
        {
            size = (ulong)rest.Length;
        }

        if (size < (ulong)header)
        {
            return BoxStep.Damaged;
        }
        if (size > (ulong)rest.Length)
        {
            return incomplete;
        }

        body = rest[header..(int)size];
        rest = rest[(int)size..];
        return BoxStep.Box;
    }
}

/// <summary>Big-endian fields read in order; every read checks the bytes are there.</summary>
internal ref struct Fields(ReadOnlySpan<byte> content)
{
    private ReadOnlySpan<byte> rest = content;

    public bool TryTake(int count, out ReadOnlySpan<byte> taken)
    {
        taken = default;
        if (count < 0 || count > rest.Length)
        {
            return false;
        }
        taken = rest[..count];
        rest = rest[count..];
        return true;
    }

    public bool TrySkip(int count) => TryTake(count, out _);

    public bool TryReadByte(out int value)
    {
        value = 0;
        if (!TryTake(1, out var bytes))
        {
            return false;
        }
        value = bytes[0];
        return true;
    }

    public bool TryReadUInt16(out uint value)
    {
        value = 0;
        if (!TryTake(2, out var bytes))
        {
            return false;
        }
        value = BinaryPrimitives.ReadUInt16BigEndian(bytes);
        return true;
    }

    public bool TryReadUInt32(out uint value)
    {
        value = 0;
        if (!TryTake(4, out var bytes))
        {
            return false;
        }
        value = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        return true;
    }

    /// <summary>An item id: 16 bits in version 0 of the box holding it, 32 after.</summary>
    public bool TryReadId(int version, out uint id) => version == 0 ? TryReadUInt16(out id) : TryReadUInt32(out id);

    /// <summary>A field of 0, 4 or 8 bytes, as iloc declares them.</summary>
    public bool TryReadSized(int size, out ulong value)
    {
        value = 0;
        if (!TryTake(size, out var bytes))
        {
            return false;
        }
        value = size switch
        {
            4 => BinaryPrimitives.ReadUInt32BigEndian(bytes),
            8 => BinaryPrimitives.ReadUInt64BigEndian(bytes),
            _ => 0,
        };
        return true;
    }

    /// <summary>A width and a height, 32 bits each, that must fit an int.</summary>
    public bool TryReadSize(out int width, out int height)
    {
        width = 0;
        height = 0;
        if (!TryReadUInt32(out var w) || !TryReadUInt32(out var h) || w > int.MaxValue || h > int.MaxValue)
        {
            return false;
        }
        (width, height) = ((int)w, (int)h);
        return true;
    }
}

/// <summary>ISO BMFF (ISO/IEC 14496-12) box helpers.</summary>
internal static class IsoBoxes
{
    /// <summary>A full box: version (8 bits) and flags (24) before its content.</summary>
    public static bool TryFullBox(ReadOnlySpan<byte> body, out int version, out ReadOnlySpan<byte> content) =>
        TryFullBox(body, out version, out content, out _);

    public static bool TryFullBox(ReadOnlySpan<byte> body, out int version, out ReadOnlySpan<byte> content, out uint flags)
    {
        version = 0;
        flags = 0;
        content = default;
        if (body.Length < 4)
        {
            return false;
        }
        version = body[0];
        flags = BinaryPrimitives.ReadUInt32BigEndian(body) & 0xFFFFFF;
        content = body[4..];
        return true;
    }
}
