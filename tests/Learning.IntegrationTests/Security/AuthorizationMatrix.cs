namespace Learning.IntegrationTests.Security;

/// <summary>One row of the table: a route (method, pattern, handler), which object it names, the URL, and the expected outcome
/// for each role, in the order Anonymous, Cadre, Trainer (commune B), Manager (province A), Manager (commune B), Administrator.</summary>
public sealed record MatrixRow(string Route, string Variant, Func<MatrixFixtures, string> Url, string Expected);

/// <summary>
/// The authorization matrix: every page handler and endpoint × every role → the outcome. Outcomes:
/// <c>A</c> allowed (the handler ran: 2xx, a redirect elsewhere, or its own validation message), <c>L</c> sent to sign in,
/// <c>F</c> forbidden (access denied, 403), <c>N</c> not found (404: outside the caller's scope, a draft, or no such object).
/// Trainer and commune manager are scoped to commune B (Nha Trang), the province manager to province A (Khánh Hòa); "in"
/// objects lie in commune B, "out" objects in province C (Thanh Hóa). A route the host maps and this table does not name fails
/// the test with its name; so does a row for a route the host no longer maps.
/// </summary>
public static class AuthorizationMatrix
{
    // A POST's route values and handler go in the URL; its form holds only the antiforgery token (a request that is allowed
    // then meets the handler's own validation, and changes nothing it should not).
    public static readonly IReadOnlyList<MatrixRow> Rows =
    [
        //                                                                        variant        URL                                                                     an ca tr mp mc ad
        new("GET /", "", _ => "/", "A A A A A A"),
        new("GET /Error/{code:int?}", "", _ => "/Error", "A A A A A A"),
        new("POST /Error/{code:int?}", "", _ => "/Error", "A A A A A A"),
        new("GET /Setup", "", _ => "/Setup", "A A A A A A"), // 409: the site is set up
        new("POST /Setup", "", _ => "/Setup", "A A A A A A"), // 409, and nothing changes
        new("* /health", "", _ => "/health", "A A A A A A"),
        new("GET /ping", "", _ => "/ping", "A A A A A A"),

        // Account
        new("GET /Account/Login", "", _ => "/Account/Login", "A A A A A A"),
        new("POST /Account/Login", "", _ => "/Account/Login", "A A A A A A"),
        new("GET /Account/AccessDenied", "", _ => "/Account/AccessDenied", "F F F F F F"),
        new("GET /Account/Culture", "", _ => "/Account/Culture", "A A A A A A"),
        new("POST /Account/Culture", "", _ => "/Account/Culture", "A A A A A A"),
        new("GET /Account/Logout", "", _ => "/Account/Logout", "A A A A A A"),
        new("GET /Account/Manage", "", _ => "/Account/Manage", "L A A A A A"),
        new("POST /Account/Manage", "", _ => "/Account/Manage", "L A A A A A"), // 400: the empty form is refused whole
        new("GET /Account/Manage/Password", "", _ => "/Account/Manage/Password", "L A A A A A"),
        new("POST /Account/Manage/Password", "", _ => "/Account/Manage/Password", "L A A A A A"), // 400: no passwords given
        new("GET /Account/Manage/Notifications", "", _ => "/Account/Manage/Notifications", "L A A A A A"),
        new("POST /Account/Manage/Notifications", "", _ => "/Account/Manage/Notifications", "L A A A A A"), // 400: no cadence given

        // Notifications (the list is the signed-in person's own; an unsubscribe token is its own credential)
        new("GET /Notifications", "", _ => "/Notifications", "L A A A A A"),
        new("POST /Notifications ?handler=MarkAllRead", "", _ => "/Notifications?handler=MarkAllRead", "L A A A A A"),
        new("GET /Notifications/Open/{id:long}", "", _ => "/Notifications/Open/987654", "L N N N N N"), // nobody's (or another's): not found
        new("GET /Notifications/Unsubscribe/{token}", "forged", _ => "/Notifications/Unsubscribe/forged-token", "A A A A A A"), // 400: its own message
        new("POST /Notifications/Unsubscribe/{token}", "forged", _ => "/Notifications/Unsubscribe/forged-token", "A A A A A A"), // 400, nothing changes
        new("GET /Account/ForgotPassword", "", _ => "/Account/ForgotPassword", "A A A A A A"),
        new("POST /Account/ForgotPassword", "", _ => "/Account/ForgotPassword", "A A A A A A"), // 400: no address given
        new("GET /Account/SetPassword", "", _ => "/Account/SetPassword?user=x&token=forged", "A A A A A A"), // the refused link's message
        new("POST /Account/SetPassword", "", _ => "/Account/SetPassword?user=x&token=forged", "A A A A A A"), // 400: the link is refused

        // Learning
        new("GET /Courses", "", _ => "/Courses", "L A A A A A"),
        new("GET /Courses/{slug}", "published", f => $"/Courses/{f.CourseSlug}", "L A A A A A"),
        new("GET /Courses/{slug}", "draft", f => $"/Courses/{f.DraftSlug}", "L N N N N N"),
        new("POST /Courses/{slug} ?handler=Enrol", "published", f => $"/Courses/{f.CourseSlug}?handler=Enrol", "L A A A A A"),
        new("GET /Courses/{slug}/{lessonKey}", "article", f => $"/Courses/{f.CourseSlug}/{f.ArticleKey}", "L A A A A A"),
        new("GET /Courses/{slug}/{lessonKey}", "draft", f => $"/Courses/{f.DraftSlug}/l1", "L N N N N N"),
        new("POST /Courses/{slug}/{lessonKey} ?handler=Done", "article", f => $"/Courses/{f.CourseSlug}/{f.ArticleKey}?handler=Done", "L A A A A A"),
        new("GET /Courses/{slug}/{lessonKey}/file", "file", f => $"/Courses/{f.CourseSlug}/{f.FileKey}/file", "L A F F F F"), // only the enrolled cadre
        new("GET /Courses/{slug}/{lessonKey}/file", "draft", f => $"/Courses/{f.DraftSlug}/l1/file", "L N N N N N"),
        new("GET /course-files/{name}", "published", f => $"/course-files/{f.PublishedImage}", "L A A A A A"),
        new("GET /course-files/{name}", "draft", f => $"/course-files/{f.DraftImage}", "L N A N N A"),
        new("GET /Paths/{slug}", "", f => $"/Paths/{f.PathSlug}", "L A A A A A"),
        new("GET /Learning", "", _ => "/Learning", "L A A A A A"),
        new("GET /Help", "", _ => "/Help", "L A A A A A"),
        new("GET /Help/{id}", "", f => $"/Help/{f.VideoPublicId}", "L A A A A A"),
        new("GET /Hotlines", "", _ => "/Hotlines", "L A A A A A"),
        new("GET /Quizzes/{key}", "", _ => "/Quizzes/kt-chu-ky-so-cong-vu", "L A A A A A"),
        new("GET /Quizzes/{key}", "missing", _ => "/Quizzes/khong-co", "L N N N N N"),
        new("POST /Quizzes/{key}", "", _ => "/Quizzes/kt-chu-ky-so-cong-vu", "L A A A A A"), // starts (or resumes) a quiz outside any lesson
        new("GET /Quizzes/Attempt/{id:guid}", "", _ => "/Quizzes/Attempt/0f8fad5b-d9cb-469f-a165-70867728950e", "L N N N N N"),
        new("POST /Quizzes/Attempt/{id:guid} ?handler=Save", "", _ => "/Quizzes/Attempt/0f8fad5b-d9cb-469f-a165-70867728950e?handler=Save", "L N N N N N"),
        new("POST /Quizzes/Attempt/{id:guid} ?handler=Submit", "", _ => "/Quizzes/Attempt/0f8fad5b-d9cb-469f-a165-70867728950e?handler=Submit", "L N N N N N"),
        new("GET /Quizzes/Review/{id:guid}", "", _ => "/Quizzes/Review/0f8fad5b-d9cb-469f-a165-70867728950e", "L N N N N N"),
        new("POST /api/quizzes/attempts/{id:guid}/answers", "", _ => "/api/quizzes/attempts/0f8fad5b-d9cb-469f-a165-70867728950e/answers", "L N N N N N"),
        new("GET /quiz-images/{id:guid}/{name}", "", _ => "/quiz-images/0f8fad5bd9cb469fa16570867728950e/so-do.png", "L N N N N N"), // any signed-in user; no such image

        // Media endpoints
        new("POST /media/uploads/", "", _ => "/media/uploads", "L F A F F A"),
        new("GET /media/uploads/{id}", "", _ => "/media/uploads/0123456789abcdef01234567", "L F N F F N"),
        new("PUT /media/uploads/{id}", "", _ => "/media/uploads/0123456789abcdef01234567?offset=0", "L F N F F N"),
        new("GET /media/videos/{publicId}/status", "", f => $"/media/videos/{f.VideoPublicId}/status", "L F A F F A"),
        new("GET /media/s/{token}/{publicId}/{**path}", "", f => $"/media/s/forged-token/{f.VideoPublicId}/hls/master.m3u8", "F F F F F F"),
        new("HEAD /media/s/{token}/{publicId}/{**path}", "", f => $"/media/s/forged-token/{f.VideoPublicId}/hls/master.m3u8", "F F F F F F"),
        new("POST /media/watch", "", _ => "/media/watch", "L F F F F F"), // without a signed watch token
        new("POST /media/preferences", "", _ => "/media/preferences", "L F F F F F"),

        // Administration: home, settings, audit
        new("GET /Admin", "", _ => "/Admin", "L F A A A A"),
        new("GET /Admin/Settings", "", _ => "/Admin/Settings", "L F F F F A"),
        new("POST /Admin/Settings", "", _ => "/Admin/Settings", "L F F F F A"),
        new("GET /Admin/Audit", "", _ => "/Admin/Audit", "L F F F F A"),
        new("GET /Admin/Jobs", "", _ => "/Admin/Jobs", "L F F F F A"),
        new("POST /Admin/Jobs ?handler=Retry", "", _ => "/Admin/Jobs?handler=Retry&id=987654", "L F F F F N"),
        new("POST /Admin/Jobs ?handler=Cancel", "", _ => "/Admin/Jobs?handler=Cancel&id=987654", "L F F F F N"),
        new("POST /Admin/Jobs ?handler=RunNow", "", _ => "/Admin/Jobs?handler=RunNow&name=khong-co", "L F F F F N"),

        // Administration: courses
        new("GET /Admin/Courses", "", _ => "/Admin/Courses", "L F A F F A"),
        new("POST /Admin/Courses ?handler=Create", "", _ => "/Admin/Courses?handler=Create", "L F A F F A"),
        new("GET /Admin/Courses/Import", "", _ => "/Admin/Courses/Import", "L F A F F A"),
        new("POST /Admin/Courses/Import", "", _ => "/Admin/Courses/Import", "L F A F F A"),
        new("GET /Admin/Courses/{id:int}/export.zip", "", f => $"/Admin/Courses/{f.CourseId}/export.zip", "L F A F F A"),
        new("POST /Admin/Courses/preview", "", _ => "/Admin/Courses/preview", "L F A F F A"),
        new("GET /Admin/Courses/Preview/{id:int}", "draft", f => $"/Admin/Courses/Preview/{f.DraftCourseId}", "L F A F F A"),
        new("GET /Admin/Courses/Lesson/{id:int}", "draft", f => $"/Admin/Courses/Lesson/{f.DraftLessonId}", "L F A F F A"),
        new("POST /Admin/Courses/Lesson/{id:int} ?handler=Save", "draft", f => $"/Admin/Courses/Lesson/{f.DraftLessonId}?handler=Save", "L F A F F A"),
        new("POST /Admin/Courses/Lesson/{id:int} ?handler=Upload", "draft", f => $"/Admin/Courses/Lesson/{f.DraftLessonId}?handler=Upload", "L F A F F A"),
        new("GET /Admin/Courses/Edit/{id:int}", "draft", f => $"/Admin/Courses/Edit/{f.DraftCourseId}", "L F A F F A"),
        new("POST /Admin/Courses/Edit/{id:int} ?handler=AddModule", "draft", f => $"/Admin/Courses/Edit/{f.DraftCourseId}?handler=AddModule", "L F A F F A"),
        new("POST /Admin/Courses/Edit/{id:int} ?handler=AddLesson", "draft", f => $"/Admin/Courses/Edit/{f.DraftCourseId}?handler=AddLesson", "L F A F F A"),
        new("POST /Admin/Courses/Edit/{id:int} ?handler=RenameModule", "draft", f => $"/Admin/Courses/Edit/{f.DraftCourseId}?handler=RenameModule", "L F A F F A"),
        new("POST /Admin/Courses/Edit/{id:int} ?handler=MoveModule", "draft", f => $"/Admin/Courses/Edit/{f.DraftCourseId}?handler=MoveModule", "L F A F F A"),
        new("POST /Admin/Courses/Edit/{id:int} ?handler=MoveLesson", "draft", f => $"/Admin/Courses/Edit/{f.DraftCourseId}?handler=MoveLesson", "L F A F F A"),
        new("POST /Admin/Courses/Edit/{id:int} ?handler=DeleteModule", "draft", f => $"/Admin/Courses/Edit/{f.DraftCourseId}?handler=DeleteModule", "L F A F F A"),
        new("POST /Admin/Courses/Edit/{id:int} ?handler=DeleteLesson", "draft", f => $"/Admin/Courses/Edit/{f.DraftCourseId}?handler=DeleteLesson", "L F A F F A"),
        new("POST /Admin/Courses/Edit/{id:int} ?handler=Settings", "draft", f => $"/Admin/Courses/Edit/{f.DraftCourseId}?handler=Settings", "L F A F F A"),
        new("POST /Admin/Courses/Edit/{id:int} ?handler=Duplicate", "draft", f => $"/Admin/Courses/Edit/{f.DraftCourseId}?handler=Duplicate", "L F A F F A"),
        new("POST /Admin/Courses/Edit/{id:int} ?handler=Unpublish", "draft", f => $"/Admin/Courses/Edit/{f.DraftCourseId}?handler=Unpublish", "L F A F F A"),
        new("POST /Admin/Courses/Edit/{id:int} ?handler=Publish", "draft", f => $"/Admin/Courses/Edit/{f.DraftCourseId}?handler=Publish", "L F A F F A"),
        new("GET /Admin/Courses/Assign/{id:int?}", "list", _ => "/Admin/Courses/Assign", "L F A A A A"),
        new("GET /Admin/Courses/Assign/{id:int?}", "published", f => $"/Admin/Courses/Assign/{f.CourseId}", "L F A A A A"),
        new("GET /Admin/Courses/Assign/{id:int?}", "draft", f => $"/Admin/Courses/Assign/{f.DraftCourseId}", "L F A N N A"),
        new("POST /Admin/Courses/Assign/{id:int?} ?handler=Add", "published", f => $"/Admin/Courses/Assign/{f.CourseId}?handler=Add", "L F A A A A"),
        new("POST /Admin/Courses/Assign/{id:int?} ?handler=Add", "draft", f => $"/Admin/Courses/Assign/{f.DraftCourseId}?handler=Add", "L F A N N A"),
        new("POST /Admin/Courses/Assign/{id:int?} ?handler=Remove", "published", f => $"/Admin/Courses/Assign/{f.CourseId}?handler=Remove", "L F A A A A"),

        // Administration: organisation
        new("GET /Admin/Organization", "", _ => "/Admin/Organization", "L F A A A A"),
        new("GET /Admin/Organization/export.recipe.json", "", _ => "/Admin/Organization/export.recipe.json", "L F F A A A"),
        new("GET /Admin/Organization/Cadres", "", _ => "/Admin/Organization/Cadres", "L F A A A A"),
        new("GET /Admin/Organization/Cadres/{id:int}", "in", f => $"/Admin/Organization/Cadres/{f.CadreIn}", "L F A A A A"),
        new("GET /Admin/Organization/Cadres/{id:int}", "out", f => $"/Admin/Organization/Cadres/{f.CadreOut}", "L F N N N A"),
        // Digital-signature readiness (issue 13): managers in scope, administrators
        new("GET /Admin/Readiness", "", _ => "/Admin/Readiness", "L F F A A A"),
        new("GET /Admin/Readiness", "missing", _ => "/Admin/Readiness?unit=987654", "L F F N N N"),
        new("GET /Admin/Readiness ?handler=Export", "", _ => "/Admin/Readiness?handler=Export&format=xlsx", "L F F A A A"),
        new("POST /Admin/Readiness ?handler=Request", "", f => $"/Admin/Readiness?handler=Request&ids={f.CadreOut}", "L F F A A A"), // outside: nobody is marked
        new("GET /Admin/Readiness/Cadre/{id:int}", "in", f => $"/Admin/Readiness/Cadre/{f.CadreIn}", "L F F A A A"),
        new("GET /Admin/Readiness/Cadre/{id:int}", "out", f => $"/Admin/Readiness/Cadre/{f.CadreOut}", "L F F N N A"),
        new("POST /Admin/Readiness/Cadre/{id:int} ?handler=Request", "in", f => $"/Admin/Readiness/Cadre/{f.CadreIn}?handler=Request", "L F F A A A"), // not ready: its own message
        new("POST /Admin/Readiness/Cadre/{id:int} ?handler=Request", "out", f => $"/Admin/Readiness/Cadre/{f.CadreOut}?handler=Request", "L F F N N A"),
        new("POST /Admin/Readiness/Cadre/{id:int} ?handler=Return", "in", f => $"/Admin/Readiness/Cadre/{f.CadreIn}?handler=Return", "L F F A A A"), // nothing requested: its own message
        new("POST /Admin/Readiness/Cadre/{id:int} ?handler=Return", "out", f => $"/Admin/Readiness/Cadre/{f.CadreOut}?handler=Return", "L F F N N A"),
        new("POST /Admin/Readiness/Cadre/{id:int} ?handler=Issue", "in", f => $"/Admin/Readiness/Cadre/{f.CadreIn}?handler=Issue", "L F F A A A"), // no dates: its own message
        new("POST /Admin/Readiness/Cadre/{id:int} ?handler=Issue", "out", f => $"/Admin/Readiness/Cadre/{f.CadreOut}?handler=Issue", "L F F N N A"),
        new("GET /Admin/Readiness/Settings", "", _ => "/Admin/Readiness/Settings", "L F F A A A"), // a commune manager is told only a province may
        new("POST /Admin/Readiness/Settings", "", _ => "/Admin/Readiness/Settings?province=987654", "L F F N N N"),
        new("GET /Admin/Readiness/Import", "", _ => "/Admin/Readiness/Import", "L F F A A A"),
        new("GET /Admin/Readiness/Import ?handler=Template", "", _ => "/Admin/Readiness/Import?handler=Template&format=xlsx", "L F F A A A"),
        new("POST /Admin/Readiness/Import ?handler=Preview", "", _ => "/Admin/Readiness/Import?handler=Preview", "L F F A A A"), // no file: its own message
        new("POST /Admin/Readiness/Import ?handler=Import", "", _ => "/Admin/Readiness/Import?handler=Import", "L F F A A A"), // no file: nothing imported
        // Reports (issue 14, core)
        new("GET /Admin/Reports", "", _ => "/Admin/Reports", "L F F A A A"),
        new("GET /Admin/Reports/Cadres", "", _ => "/Admin/Reports/Cadres?status=NotStarted", "L F F A A A"),
        new("GET /Admin/Reports/Cadre/{id:int}", "in", f => $"/Admin/Reports/Cadre/{f.CadreIn}", "L F F A A A"),
        new("GET /Admin/Reports/Cadre/{id:int}", "out", f => $"/Admin/Reports/Cadre/{f.CadreOut}", "L F F N N A"),
        new("GET /Admin/Reports/Hours", "", _ => "/Admin/Reports/Hours", "L F F A A A"),
        new("GET /Admin/Reports/Readiness", "", _ => "/Admin/Reports/Readiness", "L F F A A A"),
        new("GET /Admin/Reports/Readiness", "missing", _ => "/Admin/Reports/Readiness?commune=987654", "L F F N N N"),
        new("GET /Admin/Reports/Readiness", "missing unit", _ => "/Admin/Reports/Readiness?unit=987654", "L F F N N N"),
        new("GET /Admin/Reports/Targets", "", _ => "/Admin/Reports/Targets", "L F F A A A"),
        // One list for the whole site: managers read it, only Reports.Targets (administrators) changes it.
        new("POST /Admin/Reports/Targets", "", _ => "/Admin/Reports/Targets", "L F F F F A"), // 400: no year, position or hours
        new("POST /Admin/Reports/Targets ?handler=Delete", "", _ => "/Admin/Reports/Targets?handler=Delete&id=987654", "L F F F F N"),
        // The demo recipe's simulated learning: only Reports.DemoData (administrators) sees and removes it.
        new("GET /Admin/Reports/Demo", "", _ => "/Admin/Reports/Demo", "L F F F F A"),
        new("POST /Admin/Reports/Demo", "", _ => "/Admin/Reports/Demo", "L F F F F A"), // 400: not confirmed, nothing removed
        new("GET /Admin/Reports/Saved", "", _ => "/Admin/Reports/Saved", "L F F A A A"),
        new("POST /Admin/Reports/Saved", "", _ => "/Admin/Reports/Saved", "L F F A A A"), // 400: no name
        new("POST /Admin/Reports/Saved ?handler=Delete", "", _ => "/Admin/Reports/Saved?handler=Delete&id=987654", "L F F N N N"),
        // Reports (issue 14): exports and scheduled delivery, for managers within their scope and administrators
        new("GET /Admin/Reports/Export", "in", _ => "/Admin/Reports/Export?format=csv", "L F F A A A"),
        new("GET /Admin/Reports/Export", "out", _ => "/Admin/Reports/Export?format=xlsx&under=%2F987654%2F", "L F F N N A"), // a unit outside the scope: not found
        new("GET /Admin/Reports/Hours/Export", "in", _ => "/Admin/Reports/Hours/Export?format=csv&year=2026", "L F F A A A"),
        new("GET /Admin/Reports/Hours/Export", "out", _ => "/Admin/Reports/Hours/Export?format=xlsx&year=2026&under=%2F987654%2F", "L F F N N N"), // no such unit in any scope
        new("GET /Admin/Reports/Subscriptions", "", _ => "/Admin/Reports/Subscriptions", "L F F A A A"),
        new("POST /Admin/Reports/Subscriptions ?handler=Subscribe", "", _ => "/Admin/Reports/Subscriptions?handler=Subscribe&report=987654", "L F F A A A"), // no cadence: its own message
        new("POST /Admin/Reports/Subscriptions ?handler=Subscribe", "others", _ => "/Admin/Reports/Subscriptions?handler=Subscribe&report=987654&cadence=Weekly", "L F F N N N"), // not one's own saved report
        new("POST /Admin/Reports/Subscriptions ?handler=Unsubscribe", "", _ => "/Admin/Reports/Subscriptions?handler=Unsubscribe&report=987654", "L F F N N N"),
        new("GET /Admin/Organization/Cadres/Import", "", _ => "/Admin/Organization/Cadres/Import", "L F F A A A"),
        new("POST /Admin/Organization/Cadres/Import", "", _ => "/Admin/Organization/Cadres/Import", "L F F A A A"),
        new("GET /Admin/Organization/Cadres/Import ?handler=Status", "", _ => "/Admin/Organization/Cadres/Import?handler=Status&job=987654", "L F F N N N"),
        new("POST /Admin/Organization/Cadres ?handler=Invite", "", _ => "/Admin/Organization/Cadres?handler=Invite", "L F F A A A"), // 400: nobody chosen
        new("POST /Admin/Organization/Cadres ?handler=Invite", "in", f => $"/Admin/Organization/Cadres?handler=Invite&ids={f.CadreIn}", "L F F A A A"),
        new("POST /Admin/Organization/Cadres ?handler=Invite", "out", f => $"/Admin/Organization/Cadres?handler=Invite&ids={f.CadreIn}&ids={f.CadreOut}", "L F F N N A"),
        new("POST /Admin/Organization/Cadres/{id:int} ?handler=SendLink", "in", f => $"/Admin/Organization/Cadres/{f.CadreIn}?handler=SendLink", "L F F A A A"),
        new("POST /Admin/Organization/Cadres/{id:int} ?handler=SendLink", "out", f => $"/Admin/Organization/Cadres/{f.CadreOut}?handler=SendLink", "L F F N N A"),
        new("GET /Admin/Organization/Cadres/Invitations", "", _ => "/Admin/Organization/Cadres/Invitations?job=987654", "L F F N N N"),
        new("GET /Admin/Organization/Cadres/Invitations ?handler=Status", "", _ => "/Admin/Organization/Cadres/Invitations?handler=Status&job=987654", "L F F N N N"),
        new("GET /Admin/Organization/Scopes", "", _ => "/Admin/Organization/Scopes", "L F F F F A"),
        new("POST /Admin/Organization/Scopes ?handler=Add", "", _ => "/Admin/Organization/Scopes?handler=Add", "L F F F F A"),
        new("POST /Admin/Organization/Scopes ?handler=Remove", "", _ => "/Admin/Organization/Scopes?handler=Remove", "L F F F F A"),

        // Administration: media
        new("GET /Admin/Media", "", _ => "/Admin/Media", "L F A F F A"),
        new("GET /Admin/Media/Hotlines", "", _ => "/Admin/Media/Hotlines", "L F A F F A"),
        new("POST /Admin/Media/Hotlines ?handler=Add", "", _ => "/Admin/Media/Hotlines?handler=Add", "L F A F F A"),
        new("POST /Admin/Media/Hotlines ?handler=Delete", "in", f => $"/Admin/Media/Hotlines?handler=Delete&id={f.HotlineIn}", "L F A F F A"),
        new("POST /Admin/Media/Hotlines ?handler=Delete", "out", f => $"/Admin/Media/Hotlines?handler=Delete&id={f.HotlineOut}", "L F N F F A"),
        new("GET /Admin/Media/Video/{id:int}", "", f => $"/Admin/Media/Video/{f.VideoId}", "L F A F F A"),
        new("POST /Admin/Media/Video/{id:int} ?handler=Save", "", f => $"/Admin/Media/Video/{f.VideoId}?handler=Save", "L F A F F A"),
        new("POST /Admin/Media/Video/{id:int} ?handler=Captions", "", f => $"/Admin/Media/Video/{f.VideoId}?handler=Captions", "L F A F F A"),
        new("POST /Admin/Media/Video/{id:int} ?handler=DeleteCaptions", "", f => $"/Admin/Media/Video/{f.VideoId}?handler=DeleteCaptions&language=..%2F..%2Fx", "L F N F F N"),
        new("POST /Admin/Media/Video/{id:int} ?handler=Cancel", "", f => $"/Admin/Media/Video/{f.VideoId}?handler=Cancel", "L F A F F A"),
        new("POST /Admin/Media/Video/{id:int} ?handler=Retry", "", f => $"/Admin/Media/Video/{f.VideoId}?handler=Retry", "L F A F F A"),
        new("POST /Admin/Media/Video/{id:int} ?handler=Delete", "", f => $"/Admin/Media/Video/{f.VideoId}?handler=Delete", "L F A F F A"),

        // Administration: question bank
        new("GET /Admin/Quizzes/Bank", "", _ => "/Admin/Quizzes/Bank", "L F A F F A"),
        new("POST /Admin/Quizzes/Bank ?handler=CreateCategory", "", _ => "/Admin/Quizzes/Bank?handler=CreateCategory", "L F A F F A"), // no name: its own message
        new("POST /Admin/Quizzes/Bank ?handler=Archive", "", _ => "/Admin/Quizzes/Bank?handler=Archive&id=987654", "L F N F F N"),
        new("POST /Admin/Quizzes/Bank ?handler=ChangeCategory", "missing", _ => "/Admin/Quizzes/Bank?handler=ChangeCategory&id=987654", "L F N F F N"),
        new("POST /Admin/Quizzes/Bank ?handler=DeleteCategory", "missing", _ => "/Admin/Quizzes/Bank?handler=DeleteCategory&id=987654", "L F N F F N"),
        new("GET /Admin/Quizzes/Question", "", _ => "/Admin/Quizzes/Question", "L F A F F A"),
        new("GET /Admin/Quizzes/Question", "missing", _ => "/Admin/Quizzes/Question?id=987654", "L F N F F N"),
        new("POST /Admin/Quizzes/Question", "", _ => "/Admin/Quizzes/Question", "L F A F F A"), // the empty form is refused with messages
        new("GET /Admin/Quizzes/Preview", "", f => $"/Admin/Quizzes/Preview?id={f.QuestionId}", "L F A F F A"),
        new("GET /Admin/Quizzes/Preview", "missing", _ => "/Admin/Quizzes/Preview?id=987654", "L F N F F N"),
        new("POST /Admin/Quizzes/Preview", "", f => $"/Admin/Quizzes/Preview?id={f.QuestionId}", "L F A F F A"), // nothing answered: graded as such, nothing stored
        new("GET /Admin/Quizzes/Import", "", _ => "/Admin/Quizzes/Import", "L F A F F A"),
        new("POST /Admin/Quizzes/Import ?handler=Upload", "", _ => "/Admin/Quizzes/Import?handler=Upload", "L F A F F A"), // no file
        new("POST /Admin/Quizzes/Import ?handler=Import", "", _ => "/Admin/Quizzes/Import?handler=Import&token=00000000000000000000000000000000", "L F A F F A"), // no such upload
        new("POST /Admin/Quizzes/Import ?handler=Discard", "", _ => "/Admin/Quizzes/Import?handler=Discard&token=..%2F..%2Fx", "L F A F F A"),
        new("GET /Admin/Quizzes/Export", "", _ => "/Admin/Quizzes/Export", "L F A F F A"),
        new("GET /Admin/Quizzes/Export ?handler=Download", "", _ => "/Admin/Quizzes/Export?handler=Download&category=987654&format=Gift", "L F N F F N"),
        new("GET /Admin/Quizzes/Export ?handler=Template", "", _ => "/Admin/Quizzes/Export?handler=Template&format=Xlsx", "L F A F F A"),

        // Administration: quiz results (Quizzes.Grade: trainers and administrators; attempts outside the scope are 404)
        new("GET /Admin/Quizzes", "", _ => "/Admin/Quizzes", "L F A F F A"),
        new("GET /Admin/Quizzes/Grading", "", _ => "/Admin/Quizzes/Grading", "L F A F F A"),
        new("GET /Admin/Quizzes/PreviewQuiz", "", _ => "/Admin/Quizzes/PreviewQuiz?key=kt-chu-ky-so-cong-vu", "L F A F F A"),
        new("GET /Admin/Quizzes/PreviewQuiz", "missing", _ => "/Admin/Quizzes/PreviewQuiz?key=khong-co", "L F N F F N"),
        new("POST /Admin/Quizzes/PreviewQuiz", "", _ => "/Admin/Quizzes/PreviewQuiz?key=kt-chu-ky-so-cong-vu", "L F A F F A"), // no draw: a new one, nothing stored
        new("GET /Admin/Quizzes/Edit", "", _ => "/Admin/Quizzes/Edit", "L F A F F A"),
        new("GET /Admin/Quizzes/Edit", "existing", _ => "/Admin/Quizzes/Edit?key=kt-chu-ky-so-cong-vu", "L F A F F A"),
        new("POST /Admin/Quizzes/Edit ?handler=Save", "", _ => "/Admin/Quizzes/Edit?handler=Save", "L F A F F A"), // an empty form: its own message
        new("POST /Admin/Quizzes/Edit ?handler=AddFixed", "", _ => "/Admin/Quizzes/Edit?handler=AddFixed&key=khong-co", "L F N F F N"),
        new("POST /Admin/Quizzes/Edit ?handler=AddRandom", "", _ => "/Admin/Quizzes/Edit?handler=AddRandom&key=khong-co", "L F N F F N"),
        new("POST /Admin/Quizzes/Edit ?handler=Remove", "", _ => "/Admin/Quizzes/Edit?handler=Remove&key=kt-chu-ky-so-cong-vu&slot=987654", "L F N F F N"),
        new("GET /Admin/Quizzes/Results", "", _ => "/Admin/Quizzes/Results?key=kt-chu-ky-so-cong-vu", "L F A F F A"),
        new("GET /Admin/Quizzes/Results ?handler=Csv", "", _ => "/Admin/Quizzes/Results?handler=Csv&key=kt-chu-ky-so-cong-vu", "L F A F F A"),
        new("GET /Admin/Quizzes/Results ?handler=Xlsx", "", _ => "/Admin/Quizzes/Results?handler=Xlsx&key=kt-chu-ky-so-cong-vu", "L F A F F A"),
        new("POST /Admin/Quizzes/Results ?handler=Regrade", "", _ => "/Admin/Quizzes/Results?handler=Regrade&key=kt-chu-ky-so-cong-vu", "L F A F F A"),
        new("GET /Admin/Quizzes/Attempt/{id:guid}", "", _ => "/Admin/Quizzes/Attempt/0f8fad5b-d9cb-469f-a165-70867728950e", "L F N F F N"),
        new("POST /Admin/Quizzes/Attempt/{id:guid} ?handler=Grade", "", _ => "/Admin/Quizzes/Attempt/0f8fad5b-d9cb-469f-a165-70867728950e?handler=Grade", "L F N F F N"),
        new("POST /Admin/Quizzes/Attempt/{id:guid} ?handler=Reopen", "", _ => "/Admin/Quizzes/Attempt/0f8fad5b-d9cb-469f-a165-70867728950e?handler=Reopen", "L F N F F N"),
        new("GET /Admin/Quizzes/Overrides", "", _ => "/Admin/Quizzes/Overrides?key=kt-chu-ky-so-cong-vu", "L F A F F A"),
        new("POST /Admin/Quizzes/Overrides ?handler=Add", "", _ => "/Admin/Quizzes/Overrides?handler=Add&key=kt-chu-ky-so-cong-vu", "L F A F F A"), // its own message: no cadre named
        new("POST /Admin/Quizzes/Overrides ?handler=Remove", "", _ => "/Admin/Quizzes/Overrides?handler=Remove&key=kt-chu-ky-so-cong-vu&overrideId=987654", "L F N F F N"),

        // Administration: e-mail outbox (Notifications.ManageOutbox: administrators)
        new("GET /Admin/Notifications/Outbox", "", _ => "/Admin/Notifications/Outbox", "L F F F F A"),
        new("POST /Admin/Notifications/Outbox ?handler=Resend", "", _ => "/Admin/Notifications/Outbox?handler=Resend&id=987654", "L F F F F N"),
        new("GET /Admin/Notifications/Outbox/Message/{id:long}", "", _ => "/Admin/Notifications/Outbox/Message/987654", "L F F F F N"),
        new("POST /Admin/Notifications/Outbox/Message/{id:long} ?handler=Resend", "", _ => "/Admin/Notifications/Outbox/Message/987654?handler=Resend", "L F F F F N"),

        // Administration: recipes and accounts
        // Administration: e-mail templates (a POST's empty form is refused with its messages, or restores nothing)
        new("GET /Admin/Notifications/Templates", "", _ => "/Admin/Notifications/Templates", "L F F F F A"),
        new("GET /Admin/Notifications/Templates/Edit", "", _ => "/Admin/Notifications/Templates/Edit?type=courses.assigned&culture=vi", "L F F F F A"),
        new("GET /Admin/Notifications/Templates/Edit", "missing", _ => "/Admin/Notifications/Templates/Edit?type=khong.co&culture=vi", "L F F F F N"),
        new("POST /Admin/Notifications/Templates/Edit ?handler=Preview", "", _ => "/Admin/Notifications/Templates/Edit?type=courses.assigned&culture=vi&handler=Preview", "L F F F F A"),
        new("POST /Admin/Notifications/Templates/Edit ?handler=PreviewJson", "", _ => "/Admin/Notifications/Templates/Edit?type=courses.assigned&culture=en&handler=PreviewJson", "L F F F F A"),
        new("POST /Admin/Notifications/Templates/Edit ?handler=Save", "", _ => "/Admin/Notifications/Templates/Edit?type=courses.assigned&culture=vi&handler=Save", "L F F F F A"),
        new("POST /Admin/Notifications/Templates/Edit ?handler=Restore", "", _ => "/Admin/Notifications/Templates/Edit?type=courses.assigned&culture=vi&handler=Restore", "L F F F F A"),
        new("POST /Admin/Notifications/Templates/Edit ?handler=Restore", "missing", _ => "/Admin/Notifications/Templates/Edit?type=khong.co&culture=fr&handler=Restore", "L F F F F N"),

        // Certificates: templates (trainers; the default template is created on the list; 987654 is no template)
        new("GET /Admin/Certificates/Templates", "", _ => "/Admin/Certificates/Templates", "L F A F F A"),
        new("POST /Admin/Certificates/Templates ?handler=Create", "", _ => "/Admin/Certificates/Templates?handler=Create", "L F A F F A"), // 400: no course or path given
        new("GET /Admin/Certificates/Templates/Edit", "missing", _ => "/Admin/Certificates/Templates/Edit?id=987654", "L F N F F N"),
        new("GET /Admin/Certificates/Templates/Edit ?handler=Preview", "missing", _ => "/Admin/Certificates/Templates/Edit?id=987654&handler=Preview", "L F N F F N"),
        new("POST /Admin/Certificates/Templates/Edit ?handler=Preview", "missing", _ => "/Admin/Certificates/Templates/Edit?id=987654&handler=Preview", "L F N F F N"),
        new("POST /Admin/Certificates/Templates/Edit ?handler=Save", "missing", _ => "/Admin/Certificates/Templates/Edit?id=987654&handler=Save", "L F N F F N"),
        new("POST /Admin/Certificates/Templates/Edit ?handler=Restore", "missing", _ => "/Admin/Certificates/Templates/Edit?id=987654&handler=Restore", "L F N F F N"),
        new("GET /Admin/Recipes", "", _ => "/Admin/Recipes", "L F F F F A"),
        new("POST /Admin/Recipes ?handler=Run", "", _ => "/Admin/Recipes?handler=Run", "L F F F F A"),
        new("POST /Admin/Recipes ?handler=Upload", "", _ => "/Admin/Recipes?handler=Upload", "L F F F F A"),
        new("GET /Admin/Users", "", _ => "/Admin/Users", "L F F F F A"),
        new("GET /Admin/Users/Create", "", _ => "/Admin/Users/Create", "L F F F F A"),
        new("POST /Admin/Users/Create", "", _ => "/Admin/Users/Create", "L F F F F A"),
        new("GET /Admin/Users/Edit/{id}", "", f => $"/Admin/Users/Edit/{f.TargetUserId}", "L F F F F A"),
        new("POST /Admin/Users/Edit/{id} ?handler=Roles", "", f => $"/Admin/Users/Edit/{f.TargetUserId}?handler=Roles", "L F F F F A"),
        new("POST /Admin/Users/Edit/{id} ?handler=Password", "", f => $"/Admin/Users/Edit/{f.TargetUserId}?handler=Password", "L F F F F A"),
        new("POST /Admin/Users/Edit/{id} ?handler=Unlock", "", f => $"/Admin/Users/Edit/{f.TargetUserId}?handler=Unlock", "L F F F F A"),
        new("POST /Admin/Users/Edit/{id} ?handler=Invite", "", f => $"/Admin/Users/Edit/{f.TargetUserId}?handler=Invite", "L F F F F A"),
        new("POST /Admin/Users/Edit/{id} ?handler=Reset", "", f => $"/Admin/Users/Edit/{f.TargetUserId}?handler=Reset", "L F F F F A"),

        // Certificates: one's own (nobody's serial: not found), the public verification, the manager's list in scope
        new("GET /Certificates", "", _ => "/Certificates", "L A A A A A"),
        new("GET /Certificates/Download/{serial}", "missing", _ => "/Certificates/Download/CN-2026-0000000", "L N N N N N"),
        new("GET /verify", "", _ => "/verify", "A A A A A A"),
        new("POST /verify", "", _ => "/verify", "A A A A A A"), // 400: no file, its own message
        new("GET /verify/{serial}", "missing", _ => "/verify/CN-2026-0000000", "N N N N N N"), // the localized not-found page
        new("GET /Admin/Certificates/Issued", "", _ => "/Admin/Certificates/Issued", "L F F A A A"),
        new("GET /Admin/Certificates/Issued/{serial}", "missing", _ => "/Admin/Certificates/Issued/CN-2026-0000000", "L F F N N N"),
        new("POST /Admin/Certificates/Issued/{serial} ?handler=Revoke", "missing", _ => "/Admin/Certificates/Issued/CN-2026-0000000?handler=Revoke", "L F F N N N"),
        new("POST /Admin/Certificates/Issued/{serial} ?handler=Reissue", "missing", _ => "/Admin/Certificates/Issued/CN-2026-0000000?handler=Reissue", "L F F N N N"),

        // Reports: the data interface (Basic keys only: a browser session is not a key) and its keys' page (administrators)
        new("GET /xapi/statements", "", _ => "/xapi/statements", "L L L L L L"),
        new("GET /xapi/about", "", _ => "/xapi/about", "L L L L L L"),
        new("GET /api/reports/completion", "", _ => "/api/reports/completion", "L L L L L L"),
        new("GET /api/reports/readiness", "", _ => "/api/reports/readiness", "L L L L L L"),
        new("GET /api/reports/hours", "", _ => "/api/reports/hours", "L L L L L L"),
        new("GET /api/reports/completion/withdrawals", "", _ => "/api/reports/completion/withdrawals", "L L L L L L"),
        new("GET /Admin/Reports/api-clients", "", _ => "/Admin/Reports/api-clients", "L F F F F A"),
        new("POST /Admin/Reports/api-clients ?handler=Issue", "", _ => "/Admin/Reports/api-clients?handler=Issue", "L F F F F A"), // 400: no name, its own message
        new("POST /Admin/Reports/api-clients ?handler=Revoke", "", _ => "/Admin/Reports/api-clients?handler=Revoke&id=987654", "L F F F F N"),
        new("POST /Admin/Reports/api-clients ?handler=Limit", "", _ => "/Admin/Reports/api-clients?handler=Limit&id=987654", "L F F F F N"),
        new("GET /Admin/Reports/api-clients/{id:int}/log", "", _ => "/Admin/Reports/api-clients/987654/log", "L F F F F N"),

        // Last: signing out ends the role's session.
        new("POST /Account/Logout", "", _ => "/Account/Logout", "A A A A A A"),
    ];

    public static readonly IReadOnlyList<MatrixRole> Roles = Enum.GetValues<MatrixRole>();

    public static char Expected(MatrixRow row, MatrixRole role) => row.Expected.Replace(" ", "", StringComparison.Ordinal)[(int)role];

    /// <summary>The row's method; an endpoint for any method (<c>*</c>) is called with GET.</summary>
    public static string MethodOf(MatrixRow row) => row.Route[..row.Route.IndexOf(' ', StringComparison.Ordinal)] is "*" ? "GET" : row.Route[..row.Route.IndexOf(' ', StringComparison.Ordinal)];
}
