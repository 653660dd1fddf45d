using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Vybe.Web.Tests.Infrastructure;

/// <summary>
/// An OpenAI-compatible chat-completions server on 127.0.0.1 for the real SDK to talk to over real
/// HTTP. Each call takes the next scripted answer; with none left it answers 500, so a test that
/// expects fewer calls than it gets fails loudly. It counts the calls and keeps their bodies.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    public const string ApiKey = "sk-test-0123456789abcdefSECRET";

    private readonly ConcurrentQueue<Func<HttpContext, Task>> script = new();
    private LoopbackServer? server;
    private int calls;
    private int abandonedCalls;

    public ConcurrentQueue<string> RequestBodies { get; } = new();

    private readonly ConcurrentQueue<long> callTimestamps = new();

    /// <summary>The time between each call and the next, as the server saw them arrive: the waits the client made.</summary>
    public IReadOnlyList<TimeSpan> GapsBetweenCalls()
    {
        var times = callTimestamps.ToArray();
        return times.Zip(times.Skip(1), (earlier, later) => Stopwatch.GetElapsedTime(earlier, later)).ToList();
    }

    public int Calls => Volatile.Read(ref calls);

    /// <summary>Calls the client gave up on (closed the request) before the answer was complete.</summary>
    public int AbandonedCalls => Volatile.Read(ref abandonedCalls);

    public string BaseUrl { get; private set; } = "";

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var fake = new FakeOpenAiServer();
        fake.server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/chat/completions", fake.AnswerAsync));
        fake.BaseUrl = $"{fake.server.Address.ToString().TrimEnd('/')}/v1";
        return fake;
    }

    /// <summary>Replaces whatever was left of the script.</summary>
    public void Script(params Func<HttpContext, Task>[] answers)
    {
        script.Clear();
        foreach (var answer in answers)
        {
            script.Enqueue(answer);
        }
    }

    public void ResetCounts()
    {
        Interlocked.Exchange(ref calls, 0);
        Interlocked.Exchange(ref abandonedCalls, 0);
        RequestBodies.Clear();
        callTimestamps.Clear();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        callTimestamps.Enqueue(Stopwatch.GetTimestamp());
        Interlocked.Increment(ref calls);
        using (var reader = new StreamReader(context.Request.Body))
        {
            RequestBodies.Enqueue(await reader.ReadToEndAsync());
        }
        if (!script.TryDequeue(out var answer))
        {
            answer = Status(500, "unscripted call");
        }
        await answer(context);
        if (context.RequestAborted.IsCancellationRequested)
        {
            Interlocked.Increment(ref abandonedCalls);
        }
    }

    /// <summary>A chat completion whose message content is the given text (the model's JSON answer).</summary>
    public static Func<HttpContext, Task> Completion(string content) => context => WriteJsonAsync(context, 200, new
    {
        id = "chatcmpl-test",
        @object = "chat.completion",
        created = 1_764_000_000,
        model = "gpt-test",
        choices = new[]
        {
            new { index = 0, message = new { role = "assistant", content, refusal = (string?)null }, finish_reason = "stop", logprobs = (object?)null },
        },
        usage = new { prompt_tokens = 100, completion_tokens = 50, total_tokens = 150 },
    });

    /// <summary>A reading in the model's JSON shape.</summary>
    public static Func<HttpContext, Task> Reading(params (string Heading, string Body, string[] Points)[] sections) =>
        Completion(JsonSerializer.Serialize(new
        {
            sections = sections.Select(s => new { heading = s.Heading, body = s.Body, points = s.Points }),
        }));

    /// <summary>An OpenAI-style error answer.</summary>
    public static Func<HttpContext, Task> Status(int status, string message, string? code = null, IDictionary<string, string>? headers = null) =>
        context =>
        {
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }
            return WriteJsonAsync(context, status, new { error = new { message, type = "test_error", code } });
        };

    /// <summary>Answers only after the delay (or when the client gives up, which ends the wait).</summary>
    public static Func<HttpContext, Task> Slow(TimeSpan delay, Func<HttpContext, Task> then) => async context =>
    {
        try
        {
            await Task.Delay(delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await then(context);
    };

    /// <summary>A 200 whose body is not JSON at all.</summary>
    public static Func<HttpContext, Task> MalformedBody() => async context =>
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"id\": \"chatcmpl-test\", \"choices\": [ {\"message\": ");
    };

    private static async Task WriteJsonAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
