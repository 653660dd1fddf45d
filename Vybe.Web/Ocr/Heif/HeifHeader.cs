using System.Buffers.Binary;

namespace Vybe.Web.Ocr.Heif;

/// <summary>What an ISO media file's <c>ftyp</c> box says it is.</summary>
internal enum IsoMediaKind
{
    NotIsoMedia,
    Heic,
    Avif,
    Video,
    Other,
}

/// <summary>Why a HEIC header was refused; <see cref="None"/> when it was read.</summary>
internal enum HeifRefusal
{
    None,

    /// <summary>The file ends before the boxes that state the picture's size.</summary>
    CutOff,

    /// <summary>The boxes are not laid out as a HEIC's must be; the detail says how.</summary>
    Damaged,

    /// <summary>A well-formed HEIF file whose photo is not HEVC-coded (AVIF in a HEIC's clothes, JPEG, an overlay).</summary>
    NotHevc,
}

/// <summary>
/// Reads a HEIC file's boxes (ISO BMFF) far enough to know what a decoder would allocate, without
/// decoding anything: the primary picture's size (its <c>ispe</c> property), and for a tiled
/// picture the grid's own size. libheif 1.15 trusts neither against the coded data (a file whose
/// <c>ispe</c> says 64 × 64 decodes to whatever its HEVC parameter set says, and a grid allocates
/// the size in its descriptor whatever <c>ispe</c> says: measured, 1.1 GB for a 636-byte file), so
/// every HEVC parameter set's picture size and the grid's size are checked here too.
/// </summary>
/// <remarks>
/// Every walk advances by at least one byte of the input per step or is capped, so the work is
/// bounded by the upload's size; nothing is allocated. Box layouts: ISO/IEC 14496-12 (boxes,
/// <c>meta</c>, <c>iinf</c>, <c>iloc</c>, <c>iref</c>, <c>iprp</c>), ISO/IEC 23008-12 (HEIF
/// properties and the grid), ISO/IEC 14496-15 (<c>hvcC</c>) and ITU-T H.265 7.3.2.2 (the SPS).
/// </remarks>
internal static class HeifHeader
{
    /// <summary>A real iPhone photo has a few hundred items and properties at most.</summary>
    private const int MaxParts = 4096;

    /// <summary>A 25-megapixel photo in 256-pixel tiles has under 400; the usual 512-pixel tiles, under 100.</summary>
    private const int MaxTiles = 4096;

    private const uint Ftyp = ('f' << 24) | ('t' << 16) | ('y' << 8) | 'p';
    private const uint Meta = ('m' << 24) | ('e' << 16) | ('t' << 8) | 'a';
    private const uint Pitm = ('p' << 24) | ('i' << 16) | ('t' << 8) | 'm';
    private const uint Iinf = ('i' << 24) | ('i' << 16) | ('n' << 8) | 'f';
    private const uint Infe = ('i' << 24) | ('n' << 16) | ('f' << 8) | 'e';
    private const uint Iloc = ('i' << 24) | ('l' << 16) | ('o' << 8) | 'c';
    private const uint Iref = ('i' << 24) | ('r' << 16) | ('e' << 8) | 'f';
    private const uint Idat = ('i' << 24) | ('d' << 16) | ('a' << 8) | 't';
    private const uint Iprp = ('i' << 24) | ('p' << 16) | ('r' << 8) | 'p';
    private const uint Ipco = ('i' << 24) | ('p' << 16) | ('c' << 8) | 'o';
    private const uint Ipma = ('i' << 24) | ('p' << 16) | ('m' << 8) | 'a';
    private const uint Ispe = ('i' << 24) | ('s' << 16) | ('p' << 8) | 'e';
    private const uint HvcC = ('h' << 24) | ('v' << 16) | ('c' << 8) | 'C';
    private const uint Hvc1 = ('h' << 24) | ('v' << 16) | ('c' << 8) | '1';
    private const uint Grid = ('g' << 24) | ('r' << 16) | ('i' << 8) | 'd';
    private const uint Dimg = ('d' << 24) | ('i' << 16) | ('m' << 8) | 'g';

    private const string Misshapen = "its parts are not laid out as a HEIC's should be";

    /// <summary>
    /// Names an ISO media file by the brands of its leading <c>ftyp</c> box. AVIF files also carry
    /// the generic HEIF brand (mif1), so an AVIF brand wins over the HEIC ones.
    /// </summary>
    public static IsoMediaKind Classify(ReadOnlySpan<byte> data)
    {
        if (data.Length < 16 || BinaryPrimitives.ReadUInt32BigEndian(data[4..]) != Ftyp)
        {
            return IsoMediaKind.NotIsoMedia;
        }

        var declared = BinaryPrimitives.ReadUInt32BigEndian(data);
        var brands = data[..(int)Math.Clamp(declared, 16, (uint)data.Length)];
        var kind = IsoMediaKind.Other;
        // The major brand at 8, the minor version at 12, then compatible brands to the end of the box.
        for (var at = 8; at + 4 <= brands.Length; at += at == 8 ? 8 : 4)
        {
            var brand = brands.Slice(at, 4);
            if (brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8))
            {
                return IsoMediaKind.Avif;
            }

            if (IsHeicBrand(brand))
            {
                kind = IsoMediaKind.Heic;
            }
            else if (kind == IsoMediaKind.Other && IsVideoBrand(brand))
            {
                kind = IsoMediaKind.Video;
            }
        }

        return kind;
    }

    private static bool IsHeicBrand(ReadOnlySpan<byte> brand) =>
        brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("hevc"u8) ||
        brand.SequenceEqual("hevx"u8) || brand.SequenceEqual("heim"u8) || brand.SequenceEqual("heis"u8) ||
        brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("msf1"u8);

    private static bool IsVideoBrand(ReadOnlySpan<byte> brand) =>
        brand.SequenceEqual("isom"u8) || brand.SequenceEqual("iso2"u8) || brand.SequenceEqual("mp41"u8) ||
        brand.SequenceEqual("mp42"u8) || brand.SequenceEqual("qt  "u8) || brand.SequenceEqual("M4V "u8);

    /// <summary>
    /// Reads the primary picture's width and height (as stored, before any rotation) from a file
    /// that <see cref="Classify"/> named HEIC. Sizes above <paramref name="maxPixels"/> are returned
    /// for the caller to refuse; a coded picture larger than that, which the stated size hides, is
    /// refused here as damaged.
    /// </summary>
    public static HeifRefusal TryRead(ReadOnlySpan<byte> data, long maxPixels, out int width, out int height, out string damage)
    {
        width = 0;
        height = 0;
        damage = "";

        var refusal = FindMeta(data, out var meta, out damage);
        if (refusal != HeifRefusal.None)
        {
            return refusal;
        }

        refusal = ReadMeta(meta, out var parts, out damage);
        if (refusal != HeifRefusal.None)
        {
            return refusal;
        }

        if (!TryReadPrimaryId(parts.Pitm, out var primary))
        {
            return Damaged("it does not say which of its pictures is the photo", out damage);
        }

        refusal = FindPrimaryType(parts.Iinf, primary, out var primaryType, out damage);
        if (refusal != HeifRefusal.None)
        {
            return refusal;
        }

        if (primaryType != Hvc1 && primaryType != Grid)
        {
            return HeifRefusal.NotHevc;
        }

        refusal = ReadProperties(parts.Iprp, primary, out width, out height, out var largestCoded, out damage);
        if (refusal != HeifRefusal.None)
        {
            return refusal;
        }

        if ((long)width * height > maxPixels)
        {
            return HeifRefusal.None; // the caller names the size in its refusal
        }

        if (largestCoded.Pixels > maxPixels)
        {
            return Damaged(
                $"a picture inside it is coded at {largestCoded.Width} × {largestCoded.Height} pixels, more than the {width} × {height} it states",
                out damage);
        }

        return primaryType == Grid ? CheckGrid(data, parts, primary, width, height, out damage) : HeifRefusal.None;
    }

    // ---------------------------------------------------------------- the boxes of the file

    private static HeifRefusal FindMeta(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> meta, out string damage)
    {
        meta = default;
        var boxes = new Boxes(data, topLevel: true);
        while (true)
        {
            switch (boxes.Next(out var type, out var body))
            {
                case BoxStep.End:
                    return Damaged("it does not describe its picture", out damage);
                case BoxStep.CutOff:
                    damage = "";
                    return HeifRefusal.CutOff;
                case BoxStep.Damaged:
                    return Damaged(Misshapen, out damage);
            }

            if (type == Meta)
            {
                // The picture data (mdat) usually follows; its being whole is the decoder's to find out.
                if (!IsoBoxes.TryFullBox(body, out _, out meta))
                {
                    return Damaged(Misshapen, out damage);
                }
                damage = "";
                return HeifRefusal.None;
            }
        }
    }

    /// <summary>The boxes inside <c>meta</c> that the checks read; each may appear once.</summary>
    private ref struct MetaParts
    {
        public ReadOnlySpan<byte> Pitm;
        public ReadOnlySpan<byte> Iinf;
        public ReadOnlySpan<byte> Iloc;
        public ReadOnlySpan<byte> Iref;
        public ReadOnlySpan<byte> Idat;
        public ReadOnlySpan<byte> Iprp;
        public int Seen;
    }

    private static HeifRefusal ReadMeta(ReadOnlySpan<byte> meta, out MetaParts parts, out string damage)
    {
        parts = default;
        var boxes = new Boxes(meta, topLevel: false);
        while (true)
        {
            var step = boxes.Next(out var type, out var body);
            if (step == BoxStep.End)
            {
                break;
            }
            if (step != BoxStep.Box)
            {
                return Damaged(Misshapen, out damage);
            }

            var bit = type switch
            {
                Pitm => 1,
                Iinf => 2,
                Iloc => 4,
                Iref => 8,
                Idat => 16,
                Iprp => 32,
                _ => 0,
            };
            if (bit == 0)
            {
                continue;
            }
            if ((parts.Seen & bit) != 0)
            {
                return Damaged("it describes its pictures twice", out damage);
            }
            parts.Seen |= bit;
            switch (type)
            {
                case Pitm: parts.Pitm = body; break;
                case Iinf: parts.Iinf = body; break;
                case Iloc: parts.Iloc = body; break;
                case Iref: parts.Iref = body; break;
                case Idat: parts.Idat = body; break;
                default: parts.Iprp = body; break;
            }
        }

        if ((parts.Seen & (1 | 2 | 32)) != (1 | 2 | 32))
        {
            return Damaged("it does not describe its picture", out damage);
        }
        damage = "";
        return HeifRefusal.None;
    }

    // pitm: a full box holding the primary item's id, 16 bits in version 0, 32 after.
    private static bool TryReadPrimaryId(ReadOnlySpan<byte> pitm, out uint primary)
    {
        primary = 0;
        if (!IsoBoxes.TryFullBox(pitm, out var version, out var content))
        {
            return false;
        }
        var reader = new Fields(content);
        return reader.TryReadId(version, out primary);
    }

    // iinf: a full box with an entry count (16 bits in version 0, 32 after), then infe boxes. An
    // infe of version 2 or 3 holds the item id (16 or 32 bits), a protection index (16) and the
    // item type (4 characters); earlier versions describe no picture.
    private static HeifRefusal FindPrimaryType(ReadOnlySpan<byte> iinf, uint primary, out uint primaryType, out string damage)
    {
        primaryType = 0;
        if (!TryItemInfoEntries(iinf, out var entries))
        {
            return Damaged(Misshapen, out damage);
        }

        for (var count = 0; ; count++)
        {
            var step = entries.Next(out var type, out var body);
            if (step == BoxStep.End)
            {
                break;
            }
            if (step != BoxStep.Box || count >= MaxParts)
            {
                return Damaged(step == BoxStep.Box ? "it has too many parts" : Misshapen, out damage);
            }
            if (type != Infe)
            {
                continue;
            }

            if (!TryReadItemInfo(body, out var id, out var itemType))
            {
                return Damaged(Misshapen, out damage);
            }
            if (id == primary && itemType != 0)
            {
                if (primaryType != 0)
                {
                    return Damaged("it describes its photo twice", out damage);
                }
                primaryType = itemType;
            }
        }

        if (primaryType == 0)
        {
            return Damaged("it does not say what its photo is", out damage);
        }
        damage = "";
        return HeifRefusal.None;
    }

    private static bool TryItemInfoEntries(ReadOnlySpan<byte> iinf, out Boxes entries)
    {
        entries = default;
        if (!IsoBoxes.TryFullBox(iinf, out var version, out var content) || content.Length < (version == 0 ? 2 : 4))
        {
            return false;
        }
        entries = new Boxes(content[(version == 0 ? 2 : 4)..], topLevel: false);
        return true;
    }

    /// <summary>An item's id and type; the type is 0 for the versions that carry none.</summary>
    private static bool TryReadItemInfo(ReadOnlySpan<byte> infe, out uint id, out uint itemType)
    {
        id = 0;
        itemType = 0;
        if (!IsoBoxes.TryFullBox(infe, out var version, out var content))
        {
            return false;
        }
        if (version < 2)
        {
            return true;
        }
        var fields = new Fields(content);
        return fields.TryReadId(version == 2 ? 0 : 1, out id) && fields.TrySkip(2) && fields.TryReadUInt32(out itemType);
    }

    // iprp holds one ipco (the properties, numbered from 1 in order) and ipma boxes that associate
    // items with property numbers.
    private static HeifRefusal ReadProperties(
        ReadOnlySpan<byte> iprp, uint primary, out int width, out int height, out CodedSize largestCoded, out string damage)
    {
        width = 0;
        height = 0;
        largestCoded = default;

        var refusal = FindIpcoAndAssociations(iprp, primary, out var ipco, out var associations, out damage);
        if (refusal != HeifRefusal.None)
        {
            return refusal;
        }

        var properties = new Boxes(ipco, topLevel: false);
        var statedSize = false;
        var index = 0;
        while (true)
        {
            var step = properties.Next(out var type, out var body);
            if (step == BoxStep.End)
            {
                break;
            }
            if (step != BoxStep.Box || ++index > MaxParts)
            {
                return Damaged(step == BoxStep.Box ? "it has too many parts" : Misshapen, out damage);
            }

            if (type == Ispe && associations.Contains(index))
            {
                // ispe: a full box, then width and height, 32 bits each.
                if (statedSize)
                {
                    return Damaged("it states its photo's size twice", out damage);
                }
                if (!IsoBoxes.TryFullBox(body, out _, out var content) || !new Fields(content).TryReadSize(out width, out height))
                {
                    return Damaged("the size in its header is impossible", out damage);
                }
                statedSize = true;
            }
            else if (type == HvcC)
            {
                // Every parameter set, whichever picture it codes: a tile or a thumbnail is decoded at its coded size too.
                if (!HevcParameterSets.TryReadLargestCodedSize(body, out var coded))
                {
                    return Damaged("its picture data does not start as a HEIC's should", out damage);
                }
                if (coded.Pixels > largestCoded.Pixels)
                {
                    largestCoded = coded;
                }
            }
        }

        if (associations.MaxIndex > index)
        {
            return Damaged(Misshapen, out damage);
        }
        if (!statedSize)
        {
            return Damaged("it does not state its photo's size", out damage);
        }
        damage = "";
        return HeifRefusal.None;
    }

    private static HeifRefusal FindIpcoAndAssociations(
        ReadOnlySpan<byte> iprp, uint primary, out ReadOnlySpan<byte> ipco, out Associations associations, out string damage)
    {
        ipco = default;
        associations = default;
        var foundIpco = false;
        var foundPrimary = false;
        var boxes = new Boxes(iprp, topLevel: false);
        while (true)
        {
            var step = boxes.Next(out var type, out var body);
            if (step == BoxStep.End)
            {
                break;
            }
            if (step != BoxStep.Box)
            {
                return Damaged(Misshapen, out damage);
            }

            if (type == Ipco)
            {
                if (foundIpco)
                {
                    return Damaged("it describes its pictures twice", out damage);
                }
                ipco = body;
                foundIpco = true;
            }
            else if (type == Ipma)
            {
                var refusal = FindAssociations(body, primary, ref associations, ref foundPrimary, out damage);
                if (refusal != HeifRefusal.None)
                {
                    return refusal;
                }
            }
        }

        if (!foundIpco || !foundPrimary)
        {
            return Damaged("it does not state its photo's size", out damage);
        }
        damage = "";
        return HeifRefusal.None;
    }

    // ipma: a full box; an entry count (32 bits); per entry an item id (16 bits in version 0, 32
    // after), an association count (8 bits) and the associations: 8 bits each (essential flag and a
    // 7-bit property number), or 16 (a flag and 15 bits) when the box's flags have bit 0 set.
    private static HeifRefusal FindAssociations(
        ReadOnlySpan<byte> ipma, uint primary, ref Associations associations, ref bool foundPrimary, out string damage)
    {
        if (!IsoBoxes.TryFullBox(ipma, out var version, out var content, out var flags))
        {
            return Damaged(Misshapen, out damage);
        }
        var fields = new Fields(content);
        if (!fields.TryReadUInt32(out var entries))
        {
            return Damaged(Misshapen, out damage);
        }

        var wide = (flags & 1) != 0;
        // Each entry takes at least three bytes, so the count is bounded by what is there, not by what it says.
        for (uint entry = 0; entry < entries; entry++)
        {
            if (!fields.TryReadId(version, out var item) || !fields.TryReadByte(out var count) ||
                !fields.TryTake(count * (wide ? 2 : 1), out var list))
            {
                return Damaged(Misshapen, out damage);
            }
            if (item != primary)
            {
                continue;
            }
            if (foundPrimary)
            {
                return Damaged("it describes its photo twice", out damage);
            }
            foundPrimary = true;
            associations = new Associations(list, wide);
        }

        damage = "";
        return HeifRefusal.None;
    }

    /// <summary>The property numbers associated with the primary item, read in place.</summary>
    private readonly ref struct Associations(ReadOnlySpan<byte> list, bool wide)
    {
        private readonly ReadOnlySpan<byte> list = list;

        public int Count => wide ? list.Length / 2 : list.Length;

        public int MaxIndex
        {
            get
            {
                var max = 0;
                for (var i = 0; i < Count; i++)
                {
                    max = Math.Max(max, At(i));
                }
                return max;
            }
        }

        public bool Contains(int index)
        {
            for (var i = 0; i < Count; i++)
            {
                if (At(i) == index)
                {
                    return true;
                }
            }
            return false;
        }

        private int At(int i) => wide ? BinaryPrimitives.ReadUInt16BigEndian(list[(2 * i)..]) & 0x7FFF : list[i] & 0x7F;
    }

    // ---------------------------------------------------------------- a tiled photo

    // A grid item's data: version (8 bits, 0), flags (8; bit 0 means 32-bit sizes), rows - 1 (8),
    // columns - 1 (8), output width and height (16 or 32 bits each). Its tiles are the items its
    // dimg reference lists, each of which must be HEVC.
    private static HeifRefusal CheckGrid(ReadOnlySpan<byte> data, MetaParts parts, uint primary, int width, int height, out string damage)
    {
        var refusal = FindItemData(data, parts, primary, out var descriptor, out damage);
        if (refusal != HeifRefusal.None)
        {
            return refusal;
        }

        var fields = new Fields(descriptor);
        if (!fields.TryReadByte(out var version) || !fields.TryReadByte(out var flags) || !fields.TrySkip(2) || version != 0)
        {
            return Damaged("its tiles are not described as a HEIC's should be", out damage);
        }
        var wide = (flags & 1) != 0;
        if (!(wide ? fields.TryReadUInt32(out var gridWidth) : fields.TryReadUInt16(out gridWidth)) ||
            !(wide ? fields.TryReadUInt32(out var gridHeight) : fields.TryReadUInt16(out gridHeight)))
        {
            return Damaged("its tiles are not described as a HEIC's should be", out damage);
        }
        if (gridWidth != width || gridHeight != height)
        {
            // The decoder allocates the grid's size, whatever ispe says.
            return Damaged($"its tiles make a {gridWidth} × {gridHeight} picture, not the {width} × {height} it states", out damage);
        }

        return CheckTilesAreHevc(parts, primary, out damage);
    }

    // iloc: a full box (version 0 to 2); field sizes (4 bits each: offset, length, base offset,
    // and index from version 1), an item count (16 bits, 32 in version 2); per item its id, from
    // version 1 a construction method (low 4 bits of 16), a data reference index (16), a base
    // offset, an extent count (16) and the extents (index, offset, length).
    private static HeifRefusal FindItemData(ReadOnlySpan<byte> data, MetaParts parts, uint item, out ReadOnlySpan<byte> itemData, out string damage)
    {
        itemData = default;
        damage = "";
        if (!IsoBoxes.TryFullBox(parts.Iloc, out var version, out var content) || version > 2)
        {
            return Damaged("it does not say where its tiles are described", out damage);
        }
        var fields = new Fields(content);
        if (!fields.TryReadByte(out var sizes) || !fields.TryReadByte(out var moreSizes))
        {
            return Damaged(Misshapen, out damage);
        }
        var offsetSize = sizes >> 4;
        var lengthSize = sizes & 0xF;
        var baseOffsetSize = moreSizes >> 4;
        var indexSize = version > 0 ? moreSizes & 0xF : 0;
        if (!IsFieldSize(offsetSize) || !IsFieldSize(lengthSize) || !IsFieldSize(baseOffsetSize) || !IsFieldSize(indexSize))
        {
            return Damaged(Misshapen, out damage);
        }
        uint items;
        if (!(version < 2 ? fields.TryReadUInt16(out items) : fields.TryReadUInt32(out items)))
        {
            return Damaged(Misshapen, out damage);
        }

        var extentBytes = indexSize + offsetSize + lengthSize;
        for (uint i = 0; i < items; i++)
        {
            var method = 0u;
            if (!fields.TryReadId(version < 2 ? 0 : 1, out var id) ||
                (version > 0 && !fields.TryReadUInt16(out method)) ||
                !fields.TrySkip(2) ||
                !fields.TryReadSized(baseOffsetSize, out var baseOffset) ||
                !fields.TryReadUInt16(out var extents))
            {
                return Damaged(Misshapen, out damage);
            }
            // Extents of zero bytes each describe nothing and take no input: skip them rather than count them.
            if (extents == 0 || extentBytes == 0)
            {
                if (id == item)
                {
                    return Damaged("it does not say where its tiles are described", out damage);
                }
                continue;
            }
            if (!fields.TrySkip(indexSize) || !fields.TryReadSized(offsetSize, out var offset) || !fields.TryReadSized(lengthSize, out var length) ||
                !fields.TrySkip((int)(extents - 1) * extentBytes))
            {
                return Damaged(Misshapen, out damage);
            }
            if (id != item)
            {
                continue;
            }

            // Construction method 0: offsets into the file; 1: into the idat box; 2 (into another item) is not a HEIC photo's.
            if ((method & 0xF) > 1)
            {
                return HeifRefusal.NotHevc;
            }
            var source = (method & 0xF) == 0 ? data : parts.Idat;
            var start = baseOffset + offset;
            if (start < baseOffset || start > (ulong)source.Length || (length != 0 && length > (ulong)source.Length - start))
            {
                if ((method & 0xF) == 0)
                {
                    damage = "";
                    return HeifRefusal.CutOff;
                }
                return Damaged(Misshapen, out damage);
            }
            itemData = length == 0 ? source[(int)start..] : source.Slice((int)start, (int)length);
            damage = "";
            return HeifRefusal.None;
        }

        return Damaged("it does not say where its tiles are described", out damage);
    }

    private static bool IsFieldSize(int size) => size is 0 or 4 or 8;

    // iref: a full box (ids of 16 bits in version 0, 32 in 1), then one box per reference: its type
    // is the kind of reference; it holds the from-item id, a count (16 bits) and the to-item ids.
    private static HeifRefusal CheckTilesAreHevc(MetaParts parts, uint primary, out string damage)
    {
        damage = "";
        if (!IsoBoxes.TryFullBox(parts.Iref, out var version, out var content))
        {
            return Damaged("it does not say which tiles make its photo", out damage);
        }

        var tiles = default(ReadOnlySpan<byte>);
        var references = new Boxes(content, topLevel: false);
        while (true)
        {
            var step = references.Next(out var type, out var body);
            if (step == BoxStep.End)
            {
                break;
            }
            if (step != BoxStep.Box)
            {
                return Damaged(Misshapen, out damage);
            }
            var fields = new Fields(body);
            if (!fields.TryReadId(version, out var from) || !fields.TryReadUInt16(out var count) ||
                !fields.TryTake((int)count * (version == 0 ? 2 : 4), out var to))
            {
                return Damaged(Misshapen, out damage);
            }
            if (type == Dimg && from == primary)
            {
                if (!tiles.IsEmpty)
                {
                    return Damaged("it describes its photo twice", out damage);
                }
                if (count == 0 || count > MaxTiles)
                {
                    return Damaged(count == 0 ? "it does not say which tiles make its photo" : "it has too many tiles", out damage);
                }
                tiles = to;
            }
        }
        if (tiles.IsEmpty)
        {
            return Damaged("it does not say which tiles make its photo", out damage);
        }

        // One pass over the items (read whole before): any that is not HEVC must not be a tile. Both are capped.
        var idSize = version == 0 ? 2 : 4;
        TryItemInfoEntries(parts.Iinf, out var entries);
        while (entries.Next(out var type, out var body) == BoxStep.Box)
        {
            if (type != Infe || !TryReadItemInfo(body, out var id, out var itemType) || itemType == Hvc1 || id == primary)
            {
                continue;
            }
            for (var at = 0; at < tiles.Length; at += idSize)
            {
                var tile = idSize == 2 ? BinaryPrimitives.ReadUInt16BigEndian(tiles[at..]) : BinaryPrimitives.ReadUInt32BigEndian(tiles[at..]);
                if (tile == id)
                {
                    return HeifRefusal.NotHevc;
                }
            }
        }

        damage = "";
        return HeifRefusal.None;
    }

    private static HeifRefusal Damaged(string what, out string damage)
    {
        damage = what;
        return HeifRefusal.Damaged;
    }
}
