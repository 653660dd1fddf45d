namespace Vybe.Web.Ocr.Heif;

/// <summary>A coded picture's size as an SPS declares it, padding included.</summary>
internal readonly record struct CodedSize(long Width, long Height)
{
    /// <summary>The visible pixels at most: the coded size less a coding block of padding per side.</summary>
    public long Pixels => Math.Max(Width - HevcParameterSets.CodingPadding, 1) * Math.Max(Height - HevcParameterSets.CodingPadding, 1);
}

/// <summary>
/// Reads the picture size that an HEVC decoder configuration (<c>hvcC</c>, ISO/IEC 14496-15) declares
/// in its sequence parameter sets (ITU-T H.265 7.3.2.2): the size the decoder allocates, whatever
/// the HEIF file around it says.
/// </summary>
internal static class HevcParameterSets
{
    /// <summary>A coded HEVC picture is padded to whole coding blocks (at most 64 pixels) past its visible size.</summary>
    public const int CodingPadding = 64;

    // hvcC: 22 bytes of profile and format fields, the number of NAL unit arrays (8 bits), then per
    // array its NAL unit type (low 6 bits of 8), a count (16) and the units, each a 16-bit length
    // and the unit. Type 33 is a sequence parameter set, which states the coded picture's size.
    public static bool TryReadLargestCodedSize(ReadOnlySpan<byte> hvcC, out CodedSize largest)
    {
        largest = default;
        var fields = new Fields(hvcC);
        if (!fields.TrySkip(22) || !fields.TryReadByte(out var arrays))
        {
            return false;
        }
        for (var array = 0; array < arrays; array++)
        {
            if (!fields.TryReadByte(out var kind) || !fields.TryReadUInt16(out var units))
            {
                return false;
            }
            for (var unit = 0; unit < units; unit++)
            {
                if (!fields.TryReadUInt16(out var length) || !fields.TryTake((int)length, out var nal))
                {
                    return false;
                }
                if ((kind & 0x3F) != 33)
                {
                    continue;
                }
                if (!TryReadSpsSize(nal, out var coded))
                {
                    return false;
                }
                if (coded.Pixels > largest.Pixels)
                {
                    largest = coded;
                }
            }
        }
        return true;
    }

    // H.265 7.3.2.2: after the 2-byte NAL header, sps_video_parameter_set_id u(4),
    // sps_max_sub_layers_minus1 u(3), sps_temporal_id_nesting_flag u(1), profile_tier_level
    // (7.3.3), sps_seq_parameter_set_id ue(v), chroma_format_idc ue(v), separate_colour_plane_flag
    // u(1) when chroma_format_idc is 3, then pic_width_in_luma_samples and pic_height_in_luma_samples, ue(v).
    private static bool TryReadSpsSize(ReadOnlySpan<byte> nal, out CodedSize size)
    {
        size = default;
        var bits = new RbspBits(nal);
        if (!bits.TrySkip(16 + 4) || !bits.TryRead(3, out var maxSubLayersMinus1) || !bits.TrySkip(1))
        {
            return false;
        }

        // profile_tier_level(1, sps_max_sub_layers_minus1): the general profile (88 bits) and level (8),
        // then two presence flags per sub-layer, padding to eight sub-layers, and the sub-layers' fields.
        if (!bits.TrySkip(88 + 8))
        {
            return false;
        }
        var present = 0u;
        for (var i = 0; i < maxSubLayersMinus1; i++)
        {
            if (!bits.TryRead(2, out var flags))
            {
                return false;
            }
            present |= flags << (2 * i);
        }
        if (maxSubLayersMinus1 > 0 && !bits.TrySkip(2 * (8 - (int)maxSubLayersMinus1)))
        {
            return false;
        }
        for (var i = 0; i < maxSubLayersMinus1; i++)
        {
            var profilePresent = (present >> ((2 * i) + 1)) & 1;
            var levelPresent = (present >> (2 * i)) & 1;
            if (!bits.TrySkip((int)((profilePresent * 88) + (levelPresent * 8))))
            {
                return false;
            }
        }

        if (!bits.TryReadExpGolomb(out _) || !bits.TryReadExpGolomb(out var chromaFormat) || chromaFormat > 3 ||
            (chromaFormat == 3 && !bits.TrySkip(1)) ||
            !bits.TryReadExpGolomb(out var width) || !bits.TryReadExpGolomb(out var height) || width == 0 || height == 0)
        {
            return false;
        }
        size = new CodedSize((long)width, (long)height);
        return true;
    }

    /// <summary>Reads the bits of a NAL unit's payload, dropping the emulation-prevention bytes (00 00 03 → 00 00).</summary>
    private ref struct RbspBits(ReadOnlySpan<byte> nal)
    {
        private readonly ReadOnlySpan<byte> nal = nal;
        private int next;
        private int zeros;
        private int current;
        private int bitsLeft;

        public bool TryRead(int count, out uint value)
        {
            value = 0;
            for (var i = 0; i < count; i++)
            {
                if (!TryReadBit(out var bit))
                {
                    return false;
                }
                value = (value << 1) | (uint)bit;
            }
            return true;
        }

        public bool TrySkip(int count)
        {
            for (var i = 0; i < count; i++)
            {
                if (!TryReadBit(out _))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>ue(v): n zero bits, a one, then n bits. Sizes fit in 32 bits, so more than 31 zeros is not a size.</summary>
        public bool TryReadExpGolomb(out ulong value)
        {
            value = 0;
            var zeros = 0;
            while (true)
            {
                if (!TryReadBit(out var bit))
                {
                    return false;
                }
                if (bit == 1)
                {
                    break;
                }
                if (++zeros > 31)
                {
                    return false;
                }
            }
            if (!TryRead(zeros, out var rest))
            {
                return false;
            }
            value = (1UL << zeros) - 1 + rest;
            return true;
        }

        private bool TryReadBit(out int bit)
        {
            bit = 0;
            if (bitsLeft == 0)
            {
                if (next < nal.Length && zeros >= 2 && nal[next] == 0x03)
                {
                    next++;
                    zeros = 0;
                }
                if (next >= nal.Length)
                {
                    return false;
                }
                current = nal[next++];
                zeros = current == 0 ? zeros + 1 : 0;
                bitsLeft = 8;
            }
            bitsLeft--;
            bit = (current >> bitsLeft) & 1;
            return true;
        }
    }
}
