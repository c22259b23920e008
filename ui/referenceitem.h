#pragma once

#include "pipeline/face_finder.h"
#include "pipeline/request.h"

#include <QImage>
#include <QString>

#include <optional>
#include <vector>

namespace flashface::ui {

// Identity mixing: which of two people a reference shows. The references panel mixes the two
// with one slider (see identitymix.h); with everything on A there is nothing to mix.
enum class Person { A, B };

// How a reference was set up, to set it up again: the face chosen, a manual box, on or off,
// its weight and person.
struct ReferenceChoice {
    int face = 0;
    std::optional<pipeline::PixelBox> manualBox;
    bool enabled = true;
    double weight = 1;
    Person person = Person::A;
};

// One reference photo in the References panel and what is known about its faces.
struct ReferenceItem {
    enum class State {
        Loading,     // reading the file / detecting faces
        Ready,       // at least one face found
        NoFace,      // none found: usable only with a manual box
        Unchecked,   // no detector available: the engine will detect when generating
        Failed,      // the file could not be read
    };

    quint64 id = 0;
    QString label;  // file name, or "Pasted image N"
    Image photo;    // upright RGB, as the engine reads it
    QImage preview;  // downscaled for display
    State state = State::Loading;
    QString message;  // why it is not usable, or a warning about the chosen face
    std::vector<pipeline::FaceCandidate> faces;
    int chosenFace = 0;
    std::optional<pipeline::PixelBox> manualBox;
    bool enabled = true;
    double weight = 1;  // Reference::weight: how many references this one counts as
    Person person = Person::A;
    QString sourcePath;  // the file it was read from; empty for pasted or dropped images
    QString storedPath;  // its copy in the reference store (see ReferenceStore), once kept

    bool usable() const;
    // What the engine receives: the chosen face's aligned crop, the photo with its manual box,
    // or (no detector here) the photo for the engine to search.
    std::optional<pipeline::Reference> toReference() const;
    // The face the model will see, for display; null when not known yet.
    QImage crop() const;
};

}  // namespace flashface::ui
