using Microsoft.AspNetCore.Identity;

namespace Vybe.Web.Accounts;

/// <summary>
/// OWASP ASVS 5.0: no composition rules; instead the zxcvbn estimate must reach 3 of 4, which
/// also refuses common and guessable passwords. The person is told why, in zxcvbn's words.
/// </summary>
internal sealed class StrongPasswordValidator : IPasswordValidator<VybeUser>
{
    public const int MinimumScore = 3;

    private const string Suggestion = "Try a longer phrase of a few unrelated words, or let a password manager make one.";

    public Task<IdentityResult> ValidateAsync(UserManager<VybeUser> manager, VybeUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success); // the length rule reports empty passwords
        }

        var userInputs = new[] { user.Email, user.UserName, "vybe", "numerology" }
            .Where(input => !string.IsNullOrWhiteSpace(input))
            .SelectMany(input => input!.Split('@', '.', '+', '-', '_'))
            .Where(part => part.Length > 2);
        var result = new Zxcvbn.Zxcvbn().EvaluatePassword(password, userInputs);
        if (result.Score >= MinimumScore)
        {
            return Task.FromResult(IdentityResult.Success);
        }

        return Task.FromResult(IdentityResult.Failed(new IdentityError
        {
            Code = "PasswordTooWeak",
            Description = $"This password is too easy to guess{Reason(result)}. {Suggestion}",
        }));
    }

    /// <summary>The weakest part zxcvbn found, in words a person can act on.</summary>
    private static string Reason(Zxcvbn.Result result)
    {
        foreach (var match in result.MatchSequence)
        {
            var reason = match switch
            {
                Zxcvbn.Matcher.DictionaryMatch { DictionaryName: "passwords" } => ": it is built on one of the most common passwords",
                Zxcvbn.Matcher.DictionaryMatch { DictionaryName: "user_inputs" } => ": it contains your e-mail address or the site's name",
                Zxcvbn.Matcher.DictionaryMatch => null,
                _ when match.Pattern == "repeat" => ": it repeats the same characters",
                _ when match.Pattern == "sequence" => ": it contains a sequence such as abc or 1234",
                _ when match.Pattern == "spatial" => ": it follows a keyboard pattern",
                _ when match.Pattern == "date" => ": it contains a date",
                _ => null,
            };
            if (reason is not null)
            {
                return reason;
            }
        }
        return result.MatchSequence.Any(m => m is Zxcvbn.Matcher.DictionaryMatch)
            ? ": it is made of common words and names"
            : "";
    }
}
