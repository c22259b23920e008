// The download's pure HTTP rules: what an answer's headers mean for the .part file, and the
// linked size and hash a mirror may name.
#include "download/http_response.h"

#include <gtest/gtest.h>

namespace flashface::download {
namespace {

using Kind = ResponseVerdict::Kind;

ResponseVerdict answer(int status, const char* contentRange = "", qint64 length = -1, bool location = false) {
    return classifyResponse({status, location, QByteArray(contentRange), length}, 100);  // asked from byte 100
}

TEST(HttpResponse, PartialContentFromTheAskedOffsetAppends) {
    const auto verdict = answer(206, "bytes 100-999/1000");
    EXPECT_EQ(verdict.kind, Kind::Append);
    EXPECT_EQ(verdict.total, 1000);
    EXPECT_EQ(answer(206, "bytes 100-999/*").total, -1);  // the size may stay unknown
}

TEST(HttpResponse, PartialContentFromElsewhereOrWithoutARangeStartsOver) {
    EXPECT_EQ(answer(206, "bytes 0-999/1000").kind, Kind::WrongResumePoint);
    EXPECT_EQ(answer(206, "").kind, Kind::WrongResumePoint);
    EXPECT_EQ(answer(206, "items 100-999/1000").kind, Kind::WrongResumePoint);
}

TEST(HttpResponse, AWholeFileAnswerIsTakenFromTheStartWithItsLength) {
    const auto verdict = answer(200, "", 1000);
    EXPECT_EQ(verdict.kind, Kind::FromStart);
    EXPECT_EQ(verdict.total, 1000);
    EXPECT_EQ(answer(200).total, -1);
}

TEST(HttpResponse, RangeNotSatisfiableAtTheFilesSizeMeansThePartIsComplete) {
    const auto verdict = answer(416, "bytes */100");
    EXPECT_EQ(verdict.kind, Kind::AlreadyComplete);
    EXPECT_EQ(verdict.total, 100);
    EXPECT_EQ(answer(416, "bytes */5000").kind, Kind::ResumeRejected);
    EXPECT_EQ(answer(416).kind, Kind::ResumeRejected);
}

TEST(HttpResponse, RedirectsNeedALocation) {
    EXPECT_EQ(answer(302, "", -1, true).kind, Kind::Redirect);
    EXPECT_EQ(answer(307, "", -1, true).kind, Kind::Redirect);
    EXPECT_EQ(answer(302).kind, Kind::ErrorStatus);
}

TEST(HttpResponse, ServerTroubleIsWorthAnotherTryRefusalsAreNot) {
    for (const int status : {500, 502, 503, 408, 429}) {
        EXPECT_EQ(answer(status).kind, Kind::ErrorStatus) << status;
        EXPECT_TRUE(answer(status).transient) << status;
    }
    for (const int status : {400, 403, 404, 410}) {
        EXPECT_EQ(answer(status).kind, Kind::ErrorStatus) << status;
        EXPECT_FALSE(answer(status).transient) << status;
    }
}

TEST(HttpResponse, TheRequestAsksForTheRestWithoutCompression) {
    const QNetworkRequest whole = fileRequest(QUrl(QStringLiteral("https://example.org/a.pth")), 0);
    EXPECT_FALSE(whole.hasRawHeader("Range"));
    EXPECT_EQ(whole.rawHeader("Accept-Encoding"), QByteArray("identity"));
    EXPECT_EQ(whole.attribute(QNetworkRequest::RedirectPolicyAttribute).toInt(), int(QNetworkRequest::ManualRedirectPolicy));
    EXPECT_EQ(fileRequest(QUrl(QStringLiteral("https://example.org/a.pth")), 4096).rawHeader("Range"),
              QByteArray("bytes=4096-"));
}

TEST(HttpResponse, LinkedHeadersFillOnlyWhatIsNotExpectedYet) {
    const QByteArray sha = "0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef";
    pipeline::FileExpectation expected;
    takeLinkedHeaders("1234", "W/\"" + sha + "\"", expected);
    ASSERT_TRUE(expected.size && expected.sha256);
    EXPECT_EQ(*expected.size, 1234u);
    EXPECT_EQ(*expected.sha256, sha.toLower().toStdString());

    pipeline::FileExpectation known;
    known.size = 99;
    takeLinkedHeaders("1234", "\"not-a-sha\"", known);
    EXPECT_EQ(*known.size, 99u);
    EXPECT_FALSE(known.sha256);

    pipeline::FileExpectation none;
    takeLinkedHeaders("", "", none);
    takeLinkedHeaders("-5", "", none);
    EXPECT_FALSE(none.size);
}

}  // namespace
}  // namespace flashface::download
