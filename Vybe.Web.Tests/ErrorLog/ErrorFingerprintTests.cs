using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vybe.Web.ErrorLog;
using Vybe.Web.ErrorLog.Issues;

namespace Vybe.Web.Tests.ErrorLog;

/// <summary>
/// Grouping over real .NET stacks: each test throws through <see cref="MinuteImport"/> (code of our
/// own, in a <c>Vybe.</c> namespace like the app's), catches the exception and logs it the way
/// <c>UnhandledExceptionLogger</c> does (<c>stack</c> = <see cref="Exception.ToString()"/>).
/// </summary>
public sealed partial class DotnetFingerprintTests
{
    private static ErrorLogEntry Logged(Exception exception, string release = "1.0.0+abc") => new()
    {
        Ts = DateTimeOffset.UtcNow,
        Environment = "test",
        Service = "web",
        Level = ErrorLogLevels.Error,
        Code = "UNHANDLED_ERROR",
        Message = exception.Message,
        Details = JsonSerializer.Serialize(new { type = exception.GetType().FullName, stack = exception.ToString() }),
        Release = release,
    };

    private static Exception Caught(Action action)
    {
        try
        {
            action();
        }
        catch (Exception exception)
        {
            return exception;
        }
        throw new InvalidOperationException("The action did not throw");
    }

    private static async Task<Exception> CaughtAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception exception)
        {
            return exception;
        }
        throw new InvalidOperationException("The action did not throw");
    }

    private static ErrorFingerprint Of(Exception exception) => ErrorFingerprint.Of(Logged(exception));

    private static string Own(string member) => $"{typeof(MinuteImport).FullName}.{member}";

    [GeneratedRegex(@":line \d+")]
    private static partial Regex LineNumber();

    [Fact]
    public void Two_throws_from_different_lines_of_one_method_with_different_numbers_are_one_issue()
    {
        var first = Caught(() => MinuteImport.Import(75, 10));
        var second = Caught(() => MinuteImport.Import(10, 61));

        // Different messages and different line numbers are there to ignore…
        Assert.NotEqual(first.Message, second.Message);
        Assert.NotEqual(LineNumber().Matches(first.ToString())[0].Value, LineNumber().Matches(second.ToString())[0].Value);
        // …and they are ignored.
        Assert.Equal(Of(first).Hash, Of(second).Hash);
        Assert.Equal("Minute <n> is not a minute", Of(first).Message);
        Assert.Equal(Own(nameof(MinuteImport.Validate)), Of(first).Culprit);
    }

    [Fact]
    public void The_same_throw_reached_from_another_method_of_ours_is_another_issue()
    {
        var fromImport = Of(Caught(() => MinuteImport.Import(75, 0)));
        var fromEdit = Of(Caught(() => MinuteImport.Edit(75)));

        Assert.NotEqual(fromImport.Hash, fromEdit.Hash);
        Assert.Equal(fromImport.Culprit, fromEdit.Culprit);
        Assert.Equal([Own(nameof(MinuteImport.Validate)), Own(nameof(MinuteImport.Import))], fromImport.Frames.Take(2));
        Assert.Equal([Own(nameof(MinuteImport.Validate)), Own(nameof(MinuteImport.Edit))], fromEdit.Frames.Take(2));
    }

    [Fact]
    public void Release_line_numbers_and_build_paths_never_change_the_fingerprint()
    {
        var exception = Caught(() => MinuteImport.Import(75, 0));
        var row = Logged(exception);
        // The same error after a release that moved the code: other lines, built elsewhere, another release.
        var moved = Logged(exception, release: "1.1.0+def");
        var stack = LineNumber().Replace(exception.ToString(), m => $":line {int.Parse(m.Value[6..], CultureInfo.InvariantCulture) + 40}")
            .Replace(" in /", " in /other/build/", StringComparison.Ordinal);
        Assert.NotEqual(exception.ToString(), stack);
        moved.Details = JsonSerializer.Serialize(new { type = exception.GetType().FullName, stack });

        Assert.Equal(ErrorFingerprint.Of(row).Hash, ErrorFingerprint.Of(moved).Hash);
    }

    [Fact]
    public void A_framework_throw_is_named_by_our_frame_that_called_the_framework()
    {
        var letters = Caught(() => MinuteImport.ParseMinutes("abc"));
        var suffix = Caught(() => MinuteImport.ParseMinutes("12x"));

        Assert.IsType<FormatException>(letters);
        Assert.Contains("System.Int32.Parse", letters.ToString(), StringComparison.Ordinal);
        var fingerprint = Of(letters);
        Assert.Equal(fingerprint.Hash, Of(suffix).Hash);
        Assert.Equal(Own(nameof(MinuteImport.ParseMinutes)), fingerprint.Culprit);
        Assert.DoesNotContain(fingerprint.Frames, f => f.StartsWith("System.", StringComparison.Ordinal));
        Assert.Equal("The input string <str> was not in a correct format.", fingerprint.Message);
    }

    [Fact]
    public void A_throw_inside_a_linq_lambda_is_named_by_the_method_that_holds_the_lambda()
    {
        var first = Caught(() => MinuteImport.AveragePace([10, 0, 5]));
        var second = Caught(() => MinuteImport.AveragePace([0]));

        Assert.Contains("b__", first.ToString(), StringComparison.Ordinal);
        Assert.Contains("System.Linq.Enumerable", first.ToString(), StringComparison.Ordinal);
        Assert.Equal(Of(first).Hash, Of(second).Hash);
        Assert.Equal(Own(nameof(MinuteImport.AveragePace)), Of(first).Culprit);
    }

    [Fact]
    public async Task Async_methods_and_async_lambdas_are_named_by_their_method()
    {
        var first = await CaughtAsync(() => MinuteImport.LoadAsync(3));
        var second = await CaughtAsync(() => MinuteImport.LoadAsync(42));
        var lambda = await CaughtAsync(() => MinuteImport.LoadEachAsync([7]));
        var otherLambda = await CaughtAsync(() => MinuteImport.LoadEachAsync([8, 9]));

        Assert.Equal(Of(first).Hash, Of(second).Hash);
        Assert.Equal(Own(nameof(MinuteImport.LoadAsync)), Of(first).Culprit);
        // An async lambda's frame is its state machine: <>c__DisplayClass….<<LoadEachAsync>b__0>d.MoveNext().
        Assert.Contains(">d.MoveNext()", lambda.ToString(), StringComparison.Ordinal);
        Assert.Equal(Of(lambda).Hash, Of(otherLambda).Hash);
        Assert.Equal(Own(nameof(MinuteImport.LoadEachAsync)), Of(lambda).Culprit);
    }

    [Fact]
    public void Local_functions_generic_methods_and_nested_types_read_as_the_source_names_them()
    {
        var local = Of(Caught(() => MinuteImport.Round(90)));
        var generic = Of(Caught(() => MinuteImport.Single<string>([])));
        var nested = Of(Caught(() => new MinuteImport.Batch<int>().Close(4)));

        Assert.Equal(Own($"{nameof(MinuteImport.Round)}.Fail"), local.Culprit);
        Assert.Equal(Own(nameof(MinuteImport.Single)), generic.Culprit);
        Assert.Equal(Own("Batch.Close"), nested.Culprit);
    }

    [Fact]
    public void Compiler_ordinals_which_move_when_a_method_is_added_never_take_part()
    {
        var exceptions = new[]
        {
            Caught(() => MinuteImport.Round(90)),
            Caught(() => MinuteImport.AveragePace([0])),
            Caught(() => MinuteImport.Single<int>([])),
            Caught(() => new MinuteImport.Batch<string>().Close(1)),
        };

        foreach (var exception in exceptions)
        {
            // Only names: no <>c, b__0_1, g__Local|0_1, d__5, `1 or [T].
            Assert.All(Of(exception).Frames, frame => Assert.Matches(@"^[A-Za-z_.]+$", frame));
            // A release that added a lambda or a local function before this one renumbers it; nothing changes.
            var renumbered = Logged(exception);
            renumbered.Details = JsonSerializer.Serialize(new { stack = Regex.Replace(exception.ToString(), @"(b__|\|)\d+_", "${1}9_") });
            Assert.Equal(Of(exception).Hash, ErrorFingerprint.Of(renumbered).Hash);
        }
    }

    [Fact]
    public void A_wrapped_exception_with_an_inner_stack_is_grouped_the_same_for_different_inputs()
    {
        var first = Caught(() => MinuteImport.ImportLine("ab"));
        var second = Caught(() => MinuteImport.ImportLine("cd"));

        Assert.Contains("--- End of inner exception stack trace ---", first.ToString(), StringComparison.Ordinal);
        Assert.Equal(Of(first).Hash, Of(second).Hash);
        Assert.Equal([Own(nameof(MinuteImport.ParseMinutes)), Own(nameof(MinuteImport.ImportLine))], Of(first).Frames.Take(2));
    }
}

/// <summary>The code the fingerprint tests throw through, shaped like the app's: async, lambdas, LINQ, generics, local functions.</summary>
internal static class MinuteImport
{
    // Every method keeps its own frame, whichever tier the JIT compiles it at: no inlining, no tail calls.
    private const MethodImplOptions Frame = MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization;

    [MethodImpl(Frame)]
    public static void Import(int first, int second) => Validate(first, second);

    [MethodImpl(Frame)]
    public static void Edit(int minute) => Validate(minute, 0);

    [MethodImpl(Frame)]
    public static void Validate(int first, int second)
    {
        if (first > 59)
        {
            throw new FormatException($"Minute {first} is not a minute");
        }
        if (second > 59)
        {
            throw new FormatException($"Minute {second} is not a minute");
        }
    }

    [MethodImpl(Frame)]
    public static int ParseMinutes(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    [MethodImpl(Frame)]
    public static void ImportLine(string text)
    {
        try
        {
            ParseMinutes(text);
        }
        catch (FormatException inner)
        {
            throw new InvalidOperationException($"Line {text.Length + 10} could not be imported", inner);
        }
    }

    [MethodImpl(Frame)]
    public static int AveragePace(int[] minutes) => minutes.Select(m => 600 / m).Sum() / minutes.Length;

    public static async Task LoadAsync(int id)
    {
        await Task.Yield();
        throw new KeyNotFoundException($"Reading {id} was not found");
    }

    public static async Task LoadEachAsync(int[] ids)
    {
        Func<int, Task> load = async id =>
        {
            await Task.Yield();
            throw new KeyNotFoundException($"Reading {id} was not found in batch {ids.Length}");
        };
        foreach (var id in ids)
        {
            await load(id);
        }
    }

    [MethodImpl(Frame)]
    public static int Round(int minutes)
    {
        return minutes > 59 ? Fail(minutes) : minutes;

        [MethodImpl(Frame)]
        static int Fail(int minutes) => throw new ArgumentOutOfRangeException(nameof(minutes), minutes, $"{minutes} minutes do not round");
    }

    [MethodImpl(Frame)]
    public static T Single<T>(IReadOnlyList<T> items) =>
        items.Count == 1 ? items[0] : throw new InvalidOperationException($"Expected one item, got {items.Count}");

    public sealed class Batch<T>
    {
        [MethodImpl(Frame)]
        public void Close(int size) => throw new InvalidOperationException($"Batch of {size} {typeof(T).Name} is already closed");
    }
}

/// <summary>
/// Grouping over browser stacks. The Chrome stacks were captured from Chromium 156 (Debian) running
/// a script of ours (below each) served as <c>/js/app.js?v=abc123</c>; the Firefox and Safari ones
/// are the same errors in those browsers' formats (<c>fn@url:line:col</c>, Firefox's <c>async*</c>,
/// Safari's <c>global code</c> and <c>[native code]</c>).
/// </summary>
public sealed class BrowserFingerprintTests
{
    // function parseReading(text) { return JSON.parse(text).value.toFixed(2); }       (line 2)
    // class ReadingForm { constructor(text) { this.value = parseReading(text); } }    (line 4)
    // try { new ReadingForm('{"value": null}'); } catch (e) { … }                       (line 10, top level)
    private const string ChromeConstructor = """
        TypeError: Cannot read properties of null (reading 'toFixed')
            at parseReading (http://127.0.0.1:39639/js/app.js?v=abc123:2:60)
            at new ReadingForm (http://127.0.0.1:39639/js/app.js?v=abc123:4:36)
            at http://127.0.0.1:39639/js/app.js?v=abc123:10:7
        """;

    // var helpers = { format: function (x) { return x.length; } };                   (line 7)
    // submit() { return helpers.format(null); }                                       (line 5)
    private const string ChromeMethod = """
        TypeError: Cannot read properties of null (reading 'length')
            at Object.format (http://127.0.0.1:39639/js/app.js?v=abc123:7:49)
            at ReadingForm.submit (http://127.0.0.1:39639/js/app.js?v=abc123:5:29)
            at http://127.0.0.1:39639/js/app.js?v=abc123:11:39
        """;

    // [1].forEach(() => { throw new RangeError("Index 42 out of range"); });           (line 12)
    private const string ChromeArrow = """
        RangeError: Index 42 out of range
            at http://127.0.0.1:39639/js/app.js?v=abc123:12:33
            at Array.forEach (<anonymous>)
            at http://127.0.0.1:39639/js/app.js?v=abc123:12:11
        """;

    // async function loadAsync(n) { await null; throw new Error("Reading " + n + " failed"); }   (line 8)
    // (async function () { try { await loadAsync(7); } catch (e) { … } })();                    (line 13)
    private const string ChromeAsync = """
        Error: Reading 7 failed
            at loadAsync (http://127.0.0.1:39639/js/app.js?v=abc123:8:49)
            at async http://127.0.0.1:39639/js/app.js?v=abc123:13:28
        """;

    private const string FirefoxAsync = """
        loadAsync@http://127.0.0.1:39639/js/app.js?v=abc123:8:49
        async*@http://127.0.0.1:39639/js/app.js?v=abc123:13:28
        """;

    private const string FirefoxConstructor = """
        parseReading@http://127.0.0.1:39639/js/app.js?v=abc123:2:60
        ReadingForm@http://127.0.0.1:39639/js/app.js?v=abc123:4:36
        @http://127.0.0.1:39639/js/app.js?v=abc123:10:7
        """;

    private const string SafariConstructor = """
        parseReading@http://127.0.0.1:39639/js/app.js?v=abc123:2:60
        ReadingForm@http://127.0.0.1:39639/js/app.js?v=abc123:4:36
        global code@http://127.0.0.1:39639/js/app.js?v=abc123:10:7
        """;

    private const string SafariArrow = """
        @http://127.0.0.1:39639/js/app.js?v=abc123:12:33
        forEach@[native code]
        global code@http://127.0.0.1:39639/js/app.js?v=abc123:12:11
        """;

    private static ErrorLogEntry Reported(string message, string stack, string source = "http://127.0.0.1:39639/js/app.js?v=abc123") => new()
    {
        Ts = DateTimeOffset.UtcNow,
        Environment = "test",
        Service = ClientErrorEndpoint.Service,
        Level = ErrorLogLevels.Error,
        Code = ClientErrorEndpoint.Code,
        Message = message,
        // What ClientErrorEndpoint stores.
        Details = JsonSerializer.Serialize(new { kind = "error", source, line = 2, column = 60, stack, page = "/" }),
    };

    /// <summary>The same stack after a release: the app on its real host, a new script version, the code moved down.</summary>
    private static string Released(string stack) =>
        Regex.Replace(stack.Replace("http://127.0.0.1:39639", "https://vybe.example", StringComparison.Ordinal).Replace("v=abc123", "v=Zx9-Qr", StringComparison.Ordinal),
            @":(\d+):(\d+)(?=\)|$)", m => $":{int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 30}:{m.Groups[2].Value}1", RegexOptions.Multiline);

    private static ErrorFingerprint Of(string message, string stack) => ErrorFingerprint.Of(Reported(message, stack));

    [Theory]
    [InlineData("Cannot read properties of null (reading 'toFixed')", ChromeConstructor)]
    [InlineData("Cannot read properties of null (reading 'length')", ChromeMethod)]
    [InlineData("Index 42 out of range", ChromeArrow)]
    [InlineData("Reading 7 failed", ChromeAsync)]
    [InlineData("Reading 7 failed", FirefoxAsync)]
    [InlineData("ReadingForm is null", FirefoxConstructor)]
    [InlineData("null is not an object (evaluating 'JSON.parse(text).value.toFixed')", SafariConstructor)]
    [InlineData("Index 42 out of range", SafariArrow)]
    public void Host_script_version_line_and_column_never_change_a_browser_fingerprint(string message, string stack)
    {
        var released = Released(stack);
        Assert.NotEqual(stack, released);

        Assert.Equal(Of(message, stack).Hash, ErrorFingerprint.Of(Reported(message, released, "https://vybe.example/js/app.js?v=Zx9-Qr")).Hash);
    }

    [Fact]
    public void Chrome_frames_read_as_path_and_function_without_receiver_new_or_async_and_without_the_browsers_own_code()
    {
        Assert.Equal(["/js/app.js:parseReading", "/js/app.js:ReadingForm", "/js/app.js:(anonymous)"], Of("x", ChromeConstructor).Frames);
        Assert.Equal(["/js/app.js:format", "/js/app.js:submit", "/js/app.js:(anonymous)"], Of("x", ChromeMethod).Frames);
        // Array.forEach (<anonymous>) is the browser's, not a script's.
        Assert.Equal(["/js/app.js:(anonymous)", "/js/app.js:(anonymous)"], Of("x", ChromeArrow).Frames);
        Assert.Equal(["/js/app.js:loadAsync", "/js/app.js:(anonymous)"], Of("x", ChromeAsync).Frames);
        Assert.Equal("/js/app.js:parseReading", Of("x", ChromeConstructor).Culprit);
    }

    [Fact]
    public void Chrome_object_anonymous_aliases_and_async_named_frames_are_read()
    {
        const string stack = """
            Error: Upload 3 of 5 failed
                at Object.<anonymous> (https://vybe.example/js/upload.js?v=1a2b:40:11)
                at HTMLFormElement.send [as onsubmit] (https://vybe.example/js/upload.js?v=1a2b:12:3)
                at async Promise.all (index 0)
                at async submitAll (https://vybe.example/js/upload.js?v=1a2b:60:5)
            """;

        Assert.Equal(["/js/upload.js:(anonymous)", "/js/upload.js:send", "/js/upload.js:submitAll"], Of("x", stack).Frames);
    }

    [Fact]
    public void One_error_reads_the_same_in_chrome_firefox_and_safari()
    {
        Assert.Equal(Of("Reading 7 failed", ChromeAsync).Hash, Of("Reading 7 failed", FirefoxAsync).Hash);
        Assert.Equal(Of("m", ChromeConstructor).Hash, Of("m", FirefoxConstructor).Hash);
        Assert.Equal(Of("m", ChromeConstructor).Hash, Of("m", SafariConstructor).Hash);
        Assert.Equal(Of("m", ChromeArrow).Hash, Of("m", SafariArrow).Hash);
    }

    [Fact]
    public void Firefox_async_causes_and_nesting_marks_are_dropped()
    {
        const string stack = """
            showResult/<@https://vybe.example/js/reading.js?v=9f:30:7
            promise callback*showResult@https://vybe.example/js/reading.js?v=9f:28:3
            EventListener.handleEvent*init@https://vybe.example/js/reading.js?v=9f:5:10
            """;

        Assert.Equal(["/js/reading.js:showResult", "/js/reading.js:showResult", "/js/reading.js:init"], Of("x", stack).Frames);
    }

    [Fact]
    public void The_same_message_thrown_in_another_function_or_script_is_another_issue()
    {
        var inLoad = Of("Reading 7 failed", ChromeAsync);
        var inOtherFunction = Of("Reading 7 failed", ChromeAsync.Replace("at loadAsync", "at saveAsync", StringComparison.Ordinal));
        var inOtherScript = Of("Reading 7 failed", ChromeAsync.Replace("/js/app.js", "/js/history.js", StringComparison.Ordinal));

        Assert.NotEqual(inLoad.Hash, inOtherFunction.Hash);
        Assert.NotEqual(inLoad.Hash, inOtherScript.Hash);
    }

    [Fact]
    public void Different_numbers_in_a_browser_message_are_one_issue()
    {
        Assert.Equal(Of("Reading 7 failed", ChromeAsync).Hash, Of("Reading 1234 failed", ChromeAsync).Hash);
    }

    [Fact]
    public void Without_a_stack_the_script_path_takes_part_without_its_version()
    {
        var first = ErrorFingerprint.Of(Reported("Script error 1", "", "https://vybe.example/js/app.js?v=abc"));
        var second = ErrorFingerprint.Of(Reported("Script error 2", "", "https://vybe.example/js/app.js?v=def"));
        var other = ErrorFingerprint.Of(Reported("Script error 1", "", "https://vybe.example/js/other.js?v=abc"));

        Assert.Equal(["/js/app.js"], first.Frames);
        Assert.Equal(first.Hash, second.Hash);
        Assert.NotEqual(first.Hash, other.Hash);
    }
}

public sealed class ErrorMessageNormalizerTests
{
    [Theory]
    [InlineData("Reading 42 took 1,500 ms", "Reading <n> took <n> ms")]
    [InlineData("Temperature -3.5 below 0", "Temperature <n> below <n>")]
    [InlineData("Reading 3f2504e0-4f89-11d3-9a0c-0305e82c3301 not found", "Reading <uuid> not found")]
    [InlineData("Object at 0x7ffd5e8c has hash deadbeef01", "Object at <hex> has hash <hex>")]
    [InlineData("No account for ann.lee+vybe@example.co.uk", "No account for <email>")]
    [InlineData("Key 'reading-17' and \"other\" and `third` are missing", "Key <str> and <str> and <str> are missing")]
    [InlineData("Can't find 'x' here", "Can't find <str> here")]
    [InlineData("GET https://vybe.example/history?page=3&token=abc failed", "GET https://vybe.example/history failed")]
    [InlineData("Timed out at 2025-03-14T12:34:56.789Z after 30s", "Timed out at <time> after <n>s")]
    [InlineData("Line 1\r\n   line   2", "Line <n> line <n>")]
    // Digits inside a word are a name, not a count.
    [InlineData("utf8 failed on x64", "utf8 failed on x64")]
    public void Variable_parts_are_replaced(string message, string expected)
    {
        Assert.Equal(expected, ErrorMessageNormalizer.Normalize(message));
    }

    [Theory]
    [InlineData("Reading 42 of user 7 failed", "Reading 9001 of user 12 failed")]
    [InlineData("Reading 3f2504e0-4f89-11d3-9a0c-0305e82c3301 not found", "Reading 6ba7b810-9dad-11d1-80b4-00c04fd430c8 not found")]
    [InlineData("No account for ann@example.com", "No account for bob.smith@example.org")]
    [InlineData("duplicate key value violates unique constraint \"pk_readings\"", "duplicate key value violates unique constraint \"pk_history\"")]
    [InlineData("GET /api?x=1 failed: https://vybe.example/a?b=2", "GET /api?x=1 failed: https://vybe.example/a?b=3&c=4")]
    [InlineData("Timed out at 2025-03-14T12:34:56Z", "Timed out at 2026-01-01T00:00:01Z")]
    [InlineData("Hash 9a0c0305e82c3301 mismatch", "Hash 00c04fd430c8ffff mismatch")]
    public void Messages_that_differ_only_in_variable_parts_are_one_fingerprint(string first, string second)
    {
        static ErrorFingerprint Of(string message) => ErrorFingerprint.Of("web", ErrorLogLevels.Error, "TEST", message, null);

        Assert.Equal(Of(first).Hash, Of(second).Hash);
        Assert.NotEqual(Of(first).Hash, Of("Something else entirely").Hash);
    }

    [Fact]
    public void Only_the_first_thousand_characters_of_a_message_take_part()
    {
        static ErrorFingerprint Of(string message) => ErrorFingerprint.Of("web", ErrorLogLevels.Error, "TEST", message, null);
        var start = new string('x', ErrorMessageNormalizer.MaxLength - 1);

        Assert.Equal(Of(start + "ab").Hash, Of(start + "ac").Hash);
        Assert.Equal(start + "a", Of(start + "ab").Message);
        Assert.NotEqual(Of(start + "a").Hash, Of(start + "b").Hash);
        Assert.Equal(start + "b", Of(start + "b").Message);
    }

    [Fact]
    public void An_error_without_a_stack_or_a_script_has_no_culprit()
    {
        var fingerprint = ErrorFingerprint.Of("web", ErrorLogLevels.Error, null, "Boom", """{"type":"X"}""");

        Assert.Empty(fingerprint.Frames);
        Assert.Null(fingerprint.Culprit);
        // No code and an empty code are the same: one issue.
        Assert.Equal(fingerprint.Hash, ErrorFingerprint.Of("web", ErrorLogLevels.Error, "", "Boom", null).Hash);
    }

    [Theory]
    [InlineData("global code@https://vybe.example/js/app.js:1:1", "/js/app.js:(anonymous)")]
    [InlineData("eval code@https://vybe.example/js/app.js:1:1", "/js/app.js:(anonymous)")]
    [InlineData("anonymous@https://vybe.example/js/app.js:1:1", "/js/app.js:(anonymous)")]
    [InlineData("Object.format@https://vybe.example/js/app.js:7:49", "/js/app.js:format")]
    [InlineData("submit@https://vybe.example/js/app.js:5:29", "/js/app.js:submit")]
    public void Browser_function_names_read_the_same_from_every_browser(string frame, string expected)
    {
        Assert.Equal([expected], StackFrames.Top(frame, ErrorFingerprint.FrameCount));
    }

    [Fact]
    public void Service_level_and_code_take_part()
    {
        var web = ErrorFingerprint.Of("web", ErrorLogLevels.Error, "A", "Boom", null);

        Assert.NotEqual(web.Hash, ErrorFingerprint.Of("client", ErrorLogLevels.Error, "A", "Boom", null).Hash);
        Assert.NotEqual(web.Hash, ErrorFingerprint.Of("web", ErrorLogLevels.Warn, "A", "Boom", null).Hash);
        Assert.NotEqual(web.Hash, ErrorFingerprint.Of("web", ErrorLogLevels.Error, "B", "Boom", null).Hash);
        Assert.Matches("^[0-9a-f]{32}$", web.Hash);
    }
}
