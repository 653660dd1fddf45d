using System.ComponentModel.DataAnnotations;
using Vybe.Web.Accounts;

namespace Vybe.Web.Tests.Accounts;

/// <summary>Addresses the framework's [EmailAddress] lets through but no e-mail can be addressed to.</summary>
public sealed class MailableEmailTests
{
    [Theory]
    [InlineData("two words@example.com")]
    [InlineData("name@exa mple.com")]
    [InlineData("<x>@example.com")]
    [InlineData("a\"b@example.com")]
    [InlineData("a;b@example.com")]
    public void An_address_with_an_at_sign_that_no_message_can_be_sent_to_is_refused(string address)
    {
        Assert.True(new EmailAddressAttribute().IsValid(address), "the framework's check lets it through");
        Assert.False(new MailableEmailAttribute().IsValid(address));
    }

    [Theory]
    [InlineData("name@example.com")]
    [InlineData("first.last+tag@sub.example.co.uk")]
    [InlineData("\"quoted\"@example.com")]
    [InlineData("  name@example.com  ")]
    public void Ordinary_addresses_pass(string address) => Assert.True(new MailableEmailAttribute().IsValid(address));

    [Fact]
    public void An_empty_field_is_left_to_Required() => Assert.True(new MailableEmailAttribute().IsValid(""));
}
