using Learning.Bench;
using Learning.Web.Hosting;

// dotnet run --project bench/Learning.Bench -c Release -- seed --courses 200 --cadres 20000 --enrollments 300000
// dotnet run --project bench/Learning.Bench -c Release -- cookies --count 1000 --out /tmp/cookies.txt
// dotnet run --project bench/Learning.Bench -c Release -- accounts --cadres 15000 --baseline 300
// dotnet run --project bench/Learning.Bench -c Release -- grading --attempts 5000 --runs 7
// dotnet run --project bench/Learning.Bench -c Release -- certificates --count 200 --runs 3 [--sample first.pdf]
// dotnet run --project bench/Learning.Bench -c Release -- verify-seed --certificates 300 --serials serials.txt --pdf one.pdf (PostgreSQL, the site set up)
// dotnet run --project bench/Learning.Bench -c Release -- mail --messages 5000 --runs 3 (an SMTP sink at Learning__Notifications__Smtp__Host/Port)
// dotnet run --project bench/Learning.Bench -c Release -- reminders --cadres 100000 [--page 5000] (PostgreSQL, the site set up)
// dotnet run --project bench/Learning.Bench -c Release -- reports-courses [--courses 50] (then bench/reports-seed.sql; see bench/reports.sh)
// dotnet run --project bench/Learning.Bench -c Release -- reports [--runs 15 --province QG-P01 --course thu-tai-000 --cases 0,1,2,3] (PostgreSQL, seeded)
// dotnet run --project bench/Learning.Bench -c Release -- quizstart --cadres 3000 --url http://127.0.0.1:5000 [--login 1] (the host running)
// The database is the host's (Learning__Database__Provider / ConnectionString); the site must be set up first (not for grading).
if (args.FirstOrDefault() == "grading")
{
    // Pure code: no host, no database.
    int Arg(string name, int fallback) =>
        Array.IndexOf(args, "--" + name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    GradingBench.Run(Arg("attempts", 5000), Arg("runs", 7));
    return 0;
}

if (args.FirstOrDefault() == "certificates")
{
    // Pure code: the renderer and signer, no host, no database.
    var count = Array.IndexOf(args, "--count") is var c and >= 0 ? int.Parse(args[c + 1], System.Globalization.CultureInfo.InvariantCulture) : 200;
    var runs = Array.IndexOf(args, "--runs") is var r and >= 0 ? int.Parse(args[r + 1], System.Globalization.CultureInfo.InvariantCulture) : 3;
    var sample = Array.IndexOf(args, "--sample") is var s and >= 0 ? args[s + 1] : null;
    await Learning.Bench.CertificatesBench.RunAsync(count, runs, sample);
    return 0;
}

var builder = WebApplication.CreateBuilder([.. args.Where(a => a.StartsWith("--Learning", StringComparison.Ordinal))]);
builder.Configuration["Learning:Courses:RunAssignmentSync"] = "false";
builder.AddLearning();
var app = builder.Build();

string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, "--" + name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

int Number(string name, int fallback) => int.Parse(Option(name, fallback.ToString(System.Globalization.CultureInfo.InvariantCulture)), System.Globalization.CultureInfo.InvariantCulture);

switch (args.FirstOrDefault())
{
    case "seed":
        await new Seeder(app.Services).RunAsync(Number("courses", 200), Number("cadres", 20000), Number("enrollments", 300000));
        return 0;
    case "accounts":
        await AccountsBench.RunAsync(app.Services, Number("cadres", 15000), Number("baseline", 300));
        return 0;
    case "cookies":
        await Sessions.WriteCookiesAsync(app.Services, Number("count", 1000), Option("out", "cookies.txt"));
        return 0;
    case "quizstart":
        QuizStartBench.WarmUp = Number("warmup", 10);
        QuizStartBench.WarmUpRounds = Number("warmup-rounds", 1);
        QuizStartBench.Opens = Option("opens", "0") == "1";
        QuizStartBench.IdleSeconds = Number("idle", 0);
        QuizStartBench.HostPid = Number("host-pid", 0);
        QuizStartBench.Compress = Option("compress", "0") == "1";
        QuizStartBench.History = Number("history", 0);
        QuizStartBench.SubmitTogether = Option("submit-together", "0") == "1";
        await QuizStartBench.SeedAsync(app.Services, Number("cadres", 1000));
        await QuizStartBench.RunAsync(app.Services, Option("url", "http://127.0.0.1:5000"), Number("cadres", 1000), Option("login", "0") == "1", Number("think-min", 5), Number("think-max", 15));
        return 0;
    case "verify-seed":
        await VerifyBench.SeedAsync(app.Services, Number("certificates", 300), Option("serials", "serials.txt"), Option("pdf", "certificate.pdf"));
        return 0;
    case "mail":
        await MailBench.RunAsync(app.Services, Number("messages", 5000), Number("runs", 3), Number("warmup", 200));
        return 0;
    case "reminders":
        await RemindersBench.RunAsync(app.Services, Number("cadres", 100000), Number("page", Learning.Courses.Services.DueReminders.DefaultPageSize));
        return 0;
    case "reports-courses":
        await ReportsSeed.RunAsync(app.Services, Number("courses", 50));
        return 0;
    case "reports":
        await ReportsBench.RunAsync(app.Services, Number("runs", 15), Option("province", "QG-P01"), Option("course", "thu-tai-000"), Option("cases", ""));
        return 0;
    case "transcode":
        await MediaBench.TranscodeAsync(Option("source", "clip.mp4"), Option("preset", "superfast"), Number("runs", 3));
        return 0;
    case "watch-sessions":
        await MediaBench.WriteWatchSessionsAsync(app.Services, Number("count", 2000), Option("out", "watch.txt"));
        return 0;
    case "playback-token":
        MediaBench.PrintPlaybackToken(app.Services, Option("video", ""));
        return 0;
    default:
        Console.Error.WriteLine("usage: verify-seed [--certificates N --serials FILE --pdf FILE] | reports-courses [--courses N] | reports [--runs N --province CODE --course SLUG --cases 0,1,2,3] | reminders [--cadres N --page N] | grading [--attempts N --runs N] | mail [--messages N --runs N --warmup N] | quizstart --url URL [--cadres N --login 1 --think-min S --think-max S --warmup N --warmup-rounds N --opens 1 --idle S --host-pid PID --compress 1 --history H --submit-together 1] | seed [--courses N --cadres N --enrollments N] | cookies [--count N --out FILE] | transcode --source FILE [--preset P --runs N] | watch-sessions [--count N --out FILE] | playback-token --video ID");
        return 2;
}
