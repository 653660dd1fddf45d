using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Vybe.Web.Readings;

namespace Vybe.Web.Ocr;

/// <summary>
/// The candidates one photo offered, as the server found them, and the sealed token that carries
/// them through the choice form. Only <see cref="PhotoOffers.TryOpen"/> makes one from a request.
/// </summary>
public sealed record PhotoOffer(IReadOnlyList<string> Candidates, string Token)
{
    /// <summary>The chosen candidate, only when it is one of those offered.</summary>
    public bool TryChoose(string? choice, [NotNullWhen(true)] out ReadingSubject? subject)
    {
        subject = null;
        return choice is not null && Candidates.Contains(choice, StringComparer.Ordinal)
            && TimeOrNumber.TryParse(choice, out subject, out _);
    }
}

/// <summary>
/// Seals the candidates a photo offered with Data Protection (a purpose of their own, valid for
/// <see cref="Lifetime"/>), so that the choice which comes back can only be a number the server
/// found in that upload: a list made up, changed, expired or sealed for another purpose does not
/// open. The key ring is in the database, so any instance opens the tokens of any other.
/// </summary>
public sealed class PhotoOffers(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Purpose = "Vybe.Ocr.PhotoChoice.v1";
    public const int MaxCandidates = 20;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <summary>Far longer than 20 candidates sealed; anything longer is not worth decrypting.</summary>
    private const int MaxTokenLength = 4096;

    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    public PhotoOffer Seal(IEnumerable<string> candidates)
    {
        var offered = candidates.Take(MaxCandidates).ToList();
        return new PhotoOffer(offered, protector.Protect(JsonSerializer.Serialize(offered), clock.GetUtcNow() + Lifetime));
    }

    public bool TryOpen(string? token, [NotNullWhen(true)] out PhotoOffer? offer)
    {
        offer = null;
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return false;
        }
        try
        {
            var json = protector.Unprotect(token, out var expires);
            // The protector compares the expiry with the system clock; the app's clock has the last word
            // (the same clock in production, a fake one in tests).
            if (expires <= clock.GetUtcNow() || JsonSerializer.Deserialize<List<string>>(json) is not { Count: > 0 } candidates)
            {
                return false;
            }
            offer = new PhotoOffer(candidates, token);
            return true;
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or JsonException)
        {
            return false;
        }
    }
}
