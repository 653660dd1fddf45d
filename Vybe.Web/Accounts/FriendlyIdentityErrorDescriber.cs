using Microsoft.AspNetCore.Identity;

namespace Vybe.Web.Accounts;

/// <summary>Identity's messages, reworded for people; user names are e-mail addresses here.</summary>
internal sealed class FriendlyIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DuplicateEmail(string email) => new()
    {
        Code = nameof(DuplicateEmail),
        Description = "An account with this e-mail address already exists. Log in instead, or reset your password if you have forgotten it.",
    };

    // The user name is the e-mail address, so report the duplicate once, as an e-mail problem.
    public override IdentityError DuplicateUserName(string userName) => DuplicateEmail(userName);

    public override IdentityError InvalidEmail(string? email) => new()
    {
        Code = nameof(InvalidEmail),
        Description = "Enter a valid e-mail address, such as name@example.com.",
    };

    public override IdentityError InvalidUserName(string? userName) => InvalidEmail(userName);

    public override IdentityError PasswordTooShort(int length) => new()
    {
        Code = nameof(PasswordTooShort),
        Description = $"Use at least {length} characters. A few unrelated words make a long password that is easy to remember.",
    };

    public override IdentityError PasswordMismatch() => new()
    {
        Code = nameof(PasswordMismatch),
        Description = "The current password is not right.",
    };
}
