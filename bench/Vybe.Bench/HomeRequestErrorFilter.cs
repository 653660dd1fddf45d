using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Vybe.Web.ErrorLog;

namespace Vybe.Bench;

/// <summary>
/// Puts one middleware in front of the app's whole pipeline. For GET / it logs one error through
/// <see cref="IErrorLog"/> before calling the app, when <paramref name="logOnHome"/> is set; otherwise
/// it only checks the path, so every scenario runs the same pipeline. Being first, it runs before the
/// app's request-logging middleware, so its rows carry no request id, IP or user agent.
/// </summary>
public sealed class HomeRequestErrorFilter(bool logOnHome) : IStartupFilter
{
    public const string Code = "BENCH_REQUEST";
    private long logged;

    public long Logged => Interlocked.Read(ref logged);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (logOnHome && HttpMethods.IsGet(context.Request.Method) && context.Request.Path == "/")
            {
                var sequence = Interlocked.Increment(ref logged);
                context.RequestServices.GetRequiredService<IErrorLog>().Error("Benchmark error logged by GET /", Code, new
                {
                    path = "/",
                    sequence,
                    source = "bench-request",
                });
            }
            await nextMiddleware(context);
        });
        next(app);
    };
}
