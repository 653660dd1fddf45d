using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Vybe.Web.Accounts;

namespace Vybe.Web.Operations;

/// <summary>
/// <c>GET /ops/info</c>: the <see cref="DeploymentInfo"/> of the instance that answers, for admins and for
/// scripts holding <c>Vybe:Ops:InfoToken</c>. A request that offers a bearer token and does not hold the
/// right one gets 401; anyone else who may not read it gets the same 404 as an unknown address.
/// </summary>
public static class OpsInfoEndpoint
{
    public const string Path = "/ops/info";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private const string BearerPrefix = "Bearer ";

    public static IEndpointConventionBuilder MapOpsInfo(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, HandleAsync);

    private static async Task<IResult> HandleAsync(
        HttpContext context,
        IOptions<OpsOptions> options,
        IAuthorizationService authorization,
        DeploymentInfoReader reader)
    {
        string authorizationHeader = context.Request.Headers.Authorization.ToString();
        if (authorizationHeader.Length > 0)
        {
            if (!authorizationHeader.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
                || !TokenMatches(authorizationHeader[BearerPrefix.Length..].Trim(), options.Value))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return Results.Unauthorized();
            }
        }
        else if (!(await authorization.AuthorizeAsync(context.User, AccountsServiceCollectionExtensions.AdminPolicy)).Succeeded)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(await reader.ReadAsync(context.RequestAborted), Json);
    }

    /// <summary>Compares hashes in constant time, so neither the content nor the length of the token leaks through timing.</summary>
    private static bool TokenMatches(string presented, OpsOptions options) =>
        options.BearerAccessEnabled
        && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(options.InfoToken!)));
}
